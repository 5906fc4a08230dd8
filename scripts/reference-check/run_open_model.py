#!/usr/bin/env python3
"""
Runs the open regional demand model's own Python code (SocialFinanceDigitalLabs/cs-demand-model-regional,
its `ssda903` package) on SSDA903 CSV files, without its Django web app, and writes what its
forecast and cost pages compute:

  --forecast-out: date,state,population,variance for every projected day (start + 1 ... end),
                  as `ssda903.predictor.predict` returns them;
  --costs-out:    month,item,cost, the daily costs of `ssda903.costs.convert_population_to_cost`
                  (the proportions of `PopulationStats.placement_proportions` over the reference
                  window, the model's default weekly costs) summed by calendar month.

This is a check tool for reference mode (see docs/method/forecast.md, "The two modes", and docs/forecast-reference.md);
it imports the model from a checkout given with --model and copies none of it. The model needs the
returns' LA and YEAR columns and ISO dates; for data without them (the d2i fake return) give
--year: every row gets that YEAR and LA "all", and dd/mm/yyyy dates are rewritten as ISO.

Needs Python ≥ 3.11 with pandas 3 and python-dateutil (what the model's pyproject asks for).
"""

import argparse
import io
import re
import sys
import types
from contextlib import contextmanager
from datetime import date
from pathlib import Path


def stub_django() -> None:
    """The model's datastore imports two Django names only for type hints and its web storage."""
    for name in ["django", "django.core", "django.core.files", "django.core.files.uploadedfile", "django.core.files.storage"]:
        sys.modules.setdefault(name, types.ModuleType(name))
    sys.modules["django.core.files.uploadedfile"].InMemoryUploadedFile = object
    sys.modules["django.core.files.storage"].Storage = object
    sys.modules["django.core.files.storage"].default_storage = None


UK_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")


def model_ready_csv(path: Path, year: int | None) -> bytes:
    """The file as the model reads it: unchanged, or with ISO dates and LA, YEAR added."""
    import pandas as pd

    if year is None:
        return path.read_bytes()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in frame.columns:
        frame[column] = frame[column].map(lambda v: UK_DATE.sub(r"\3-\2-\1", v))
    if "LA" not in frame.columns:
        frame["LA"] = "all"
    frame["YEAR"] = year
    return frame.to_csv(index=False).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, help="a checkout of cs-demand-model-regional (the folder holding ssda903/)")
    parser.add_argument("--data", required=True, help="folder with episodes.csv, header.csv, uasc.csv")
    parser.add_argument("--year", type=int, help="YEAR to give every row of data that has no YEAR column")
    parser.add_argument("--reference-start", required=True, type=date.fromisoformat)
    parser.add_argument("--reference-end", required=True, type=date.fromisoformat)
    parser.add_argument("--start", required=True, type=date.fromisoformat)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--inflation", type=float, help="yearly rate, e.g. 0.1: the model's inflation switch on at this rate")
    parser.add_argument("--forecast-out", required=True)
    parser.add_argument("--costs-out", required=True)
    args = parser.parse_args()

    stub_django()
    sys.path.insert(0, str(Path(args.model).resolve()))
    import pandas as pd
    from dateutil.relativedelta import relativedelta
    from ssda903.costs import convert_population_to_cost
    from ssda903.data.ssda903 import SSDA903TableType
    from ssda903.datacontainer import DemandModellingDataContainer
    from ssda903.datastore import DataFile, DataStore, Metadata
    from ssda903.population_stats import PopulationStats
    from ssda903.predictor import predict

    tables = {"episodes.csv": SSDA903TableType.EPISODES, "header.csv": SSDA903TableType.HEADER, "uasc.csv": SSDA903TableType.UASC}
    contents = {name: model_ready_csv(Path(args.data) / name, args.year) for name in tables}

    class FolderDataStore(DataStore):
        @property
        def files(self):
            for name, table in tables.items():
                yield DataFile(name=name, metadata=Metadata(name=name, size=len(contents[name]), table=table))

        @contextmanager
        def open(self, file):
            yield io.BytesIO(contents[file.name])

    container = DemandModellingDataContainer(FolderDataStore())
    stats = PopulationStats(df=container.enriched_view, data_start_date=container.data_start_date, data_end_date=container.data_end_date)
    end = args.start + relativedelta(months=args.months)
    prediction = predict(stats=stats, reference_start_date=args.reference_start, reference_end_date=args.reference_end,
                         prediction_start_date=args.start, prediction_end_date=end)
    proportions, _ = stats.placement_proportions(args.reference_start, args.reference_end)
    inflation = {"inflation": True, "inflation_rate": args.inflation} if args.inflation is not None else {"inflation": False, "inflation_rate": 0.1}
    costs = convert_population_to_cost(prediction, proportions, None, None, **inflation)

    population = prediction.population.stack().rename("population")
    variance = prediction.variance.stack().rename("variance")
    forecast = pd.concat([population, variance], axis=1).reset_index()
    forecast.columns = ["date", "state", "population", "variance"]
    forecast["date"] = pd.to_datetime(forecast["date"]).dt.strftime("%Y-%m-%d")
    forecast.to_csv(args.forecast_out, index=False, float_format="%.17g")

    daily = costs.costs.copy()
    daily.index = pd.to_datetime(daily.index)
    monthly = daily.groupby(daily.index.strftime("%Y-%m")).sum().stack().rename("cost").reset_index()
    monthly.columns = ["month", "item", "cost"]
    monthly.to_csv(args.costs_out, index=False, float_format="%.17g")

    print(f"data {container.data_start_date} to {container.data_end_date}; proportions:")
    print(proportions.to_string())
    print(f"wrote {len(forecast)} forecast rows to {args.forecast_out} and {len(monthly)} month × item costs to {args.costs_out}")


if __name__ == "__main__":
    main()
