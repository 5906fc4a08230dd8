/** Input the forecast cannot work from; the message says what to change. */
export class ForecastError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForecastError";
  }
}
