"""The Airflow DAG and the Kubeflow pipeline definitions.

These need the orchestrator SDKs (requirements-orchestrators.txt). Without them the tests are
reported as SKIPPED, never as passed; the code they wrap is tested in test_orchestration.py.
"""
import importlib.util

import pytest

from conftest import PROJECT_ROOT

STEPS = ["ingest", "validate", "features", "train", "evaluate", "register"]


def _load(name, relpath):
    spec = importlib.util.spec_from_file_location(name, PROJECT_ROOT / relpath)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_airflow_dag_wires_the_steps_behind_a_drift_gate():
    pytest.importorskip("airflow")
    module = _load("airflow_dag", "pipelines/airflow_dag.py")
    dag = module.dag
    assert dag.dag_id == "churn_training_pipeline"
    assert set(dag.task_ids) == {"check_drift", *STEPS, "finalize"}
    order = ["check_drift", *STEPS, "finalize"]
    for upstream, downstream in zip(order, order[1:]):
        assert dag.get_task(downstream).upstream_task_ids == {upstream}
    assert dag.get_task("train").retries == 2
    assert not dag.catchup


def test_kubeflow_pipeline_compiles(tmp_path):
    pytest.importorskip("kfp")
    import yaml

    module = _load("kubeflow_pipeline", "pipelines/kubeflow_pipeline.py")
    path = module.compile_pipeline(tmp_path / "pipeline.yaml")
    spec = yaml.safe_load(path.read_text())
    assert spec["pipelineInfo"]["name"] == "churn-training-pipeline"
    components = set(spec["components"])
    for step in STEPS:
        assert f"comp-{step}-op" in components
    assert "comp-check-drift-op" in components
