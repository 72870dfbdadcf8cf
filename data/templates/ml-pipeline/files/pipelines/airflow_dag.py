"""The training pipeline as an Airflow DAG (Airflow 2.7+).

    check_drift ─► ingest ─► validate ─► features ─► train ─► evaluate ─► register ─► finalize

Each task runs one step of {{package}}.steps through {{package}}.orchestration.run_step: the
same functions and the same content-hash cache as the local runner, with artifacts passed
through outputs/runs/<run-id>/artifacts/ instead of memory. `check_drift` is a short-circuit:
when a new batch is configured and it has not drifted from the champion's training data, the
rest of the run is skipped.

Setup (see README.md):
    pip install -r requirements-orchestrators.txt   # with Airflow's constraints file
    export AIRFLOW__CORE__DAGS_FOLDER="$PWD/pipelines"
    export PIPELINE_PROJECT_DIR="$PWD"               # where configs/ and outputs/ live
    export PIPELINE_NEW_DATA="$PWD/data/new_batch.csv"   # optional: the batch to check and train on
    airflow dags test churn_training_pipeline

Task arguments are plain Python (op_kwargs and the task context), not Jinja templates.
"""

import os
import sys
from datetime import datetime, timedelta
from pathlib import Path

from airflow import DAG
from airflow.operators.python import PythonOperator, ShortCircuitOperator

PROJECT_DIR = Path(os.environ.get("PIPELINE_PROJECT_DIR", Path(__file__).resolve().parents[1]))
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from {{package}} import orchestration  # noqa: E402  (needs PROJECT_DIR on sys.path)

CONFIG_PATH = str(PROJECT_DIR / "configs" / "pipeline.yaml")
OUTPUT_DIR = str(PROJECT_DIR / "outputs")
NEW_DATA = os.environ.get("PIPELINE_NEW_DATA") or None
SMOKE = os.environ.get("PIPELINE_SMOKE", "0") == "1"


def _run_dir(context) -> Path:
    return orchestration.run_dir_for(OUTPUT_DIR, "airflow-" + context["run_id"])


def check_drift(**context) -> bool:
    """True → run the training tasks; False → skip them (no drift in the new batch)."""
    return orchestration.needs_retraining(NEW_DATA, CONFIG_PATH, OUTPUT_DIR, smoke=SMOKE)


def run_step(step_name: str, **context) -> dict:
    return orchestration.run_step(step_name, _run_dir(context), config_path=CONFIG_PATH, smoke=SMOKE,
                                  output_dir=OUTPUT_DIR, new_data_path=NEW_DATA)


def finalize(**context) -> dict:
    return orchestration.finalize_run(_run_dir(context), config_path=CONFIG_PATH, smoke=SMOKE,
                                      output_dir=OUTPUT_DIR, new_data_path=NEW_DATA,
                                      trigger="drift" if NEW_DATA else "schedule")


with DAG(
    dag_id="churn_training_pipeline",
    description="ingest → validate → features → train → evaluate → register, gated by a drift check",
    schedule="@daily",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,  # two runs promoting models at once would race on the registry
    default_args={"owner": "ml-platform", "retries": 2, "retry_delay": timedelta(minutes=5)},
    tags=["ml", "training", "{{package}}"],
) as dag:
    gate = ShortCircuitOperator(task_id="check_drift", python_callable=check_drift)
    step_tasks = [
        PythonOperator(task_id=name, python_callable=run_step, op_kwargs={"step_name": name})
        for name in orchestration.step_names()
    ]
    done = PythonOperator(task_id="finalize", python_callable=finalize)

    previous = gate
    for task in step_tasks:
        previous >> task
        previous = task
    previous >> done
