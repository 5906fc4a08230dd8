/*
 * Preload that kills its process outright (SIGKILL, as `kill -9` or a power cut would) halfway
 * through writing a file whose path matches the pattern in LAC_KILL_WRITING: half the bytes of
 * that write reach the file, then the process is gone, and no handler of its own can run.
 */
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload for plain node */
const fs = require("fs");

const pattern = new RegExp(process.env.LAC_KILL_WRITING);
const paths = new Map();
const openSync = fs.openSync;
const writeSync = fs.writeSync;

fs.openSync = function (file, ...rest) {
  const fd = openSync.call(fs, file, ...rest);
  paths.set(fd, String(file));
  return fd;
};

fs.writeSync = function (fd, data, offset, length, ...rest) {
  if (pattern.test(paths.get(fd) ?? "") && typeof data !== "string") {
    const start = offset ?? 0;
    const size = length ?? data.length - start;
    writeSync.call(fs, fd, data, start, Math.floor(size / 2));
    process.kill(process.pid, "SIGKILL");
  }
  return writeSync.call(fs, fd, data, offset, length, ...rest);
};
