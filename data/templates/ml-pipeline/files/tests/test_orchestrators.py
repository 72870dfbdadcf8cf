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


def _compiled(tmp_path):
    pytest.importorskip("kfp")
    pytest.importorskip("kfp.kubernetes")
    import yaml

    module = _load("kubeflow_pipeline", "pipelines/kubeflow_pipeline.py")
    path = module.compile_pipeline(tmp_path / "pipeline.yaml")
    docs = [d for d in yaml.safe_load_all(path.read_text()) if d]  # pipeline spec, then the platform spec
    return module, docs[0], (docs[1] if len(docs) > 1 else {})


def test_kubeflow_pipeline_compiles(tmp_path):
    _, spec, _ = _compiled(tmp_path)
    assert spec["pipelineInfo"]["name"] == "churn-training-pipeline"
    components = set(spec["components"])
    for step in STEPS:
        assert f"comp-{step}-op" in components
    assert "comp-check-drift-op" in components


def test_kubeflow_registry_volume_is_mounted_where_the_registry_is(tmp_path):
    """Bug fix: registry_root defaulted to /mnt/registry, but nothing was mounted there."""
    module, spec, platform = _compiled(tmp_path)
    executors = platform["platforms"]["kubernetes"]["deploymentSpec"]["executors"]
    for executor in ("exec-check-drift-op", "exec-register-op"):
        mounts = executors[executor]["pvcMount"]
        assert [m["mountPath"] for m in mounts] == [module.REGISTRY_MOUNT], executor
        assert module.REGISTRY_PVC in str(mounts)
    assert "registry_root" not in spec["root"]["inputDefinitions"]["parameters"]  # not a free run parameter


def test_the_component_image_installs_kfp():
    """Bug fix: the Dockerfile did not install kfp, which every component imports."""
    dockerfile = (PROJECT_ROOT / "Dockerfile").read_text()
    installs = " ".join(line for line in dockerfile.splitlines() if line.startswith("RUN pip install"))
    assert "-r requirements-kubeflow.txt" in installs and "requirements-kubeflow.txt" in dockerfile.split("RUN")[0]
    pins = (PROJECT_ROOT / "requirements-kubeflow.txt").read_text().split()
    assert any(p.startswith("kfp==") for p in pins)
    orchestrators = (PROJECT_ROOT / "requirements-orchestrators.txt").read_text()
    assert "-r requirements-kubeflow.txt" in orchestrators and "kfp-kubernetes==" in orchestrators
    source = (PROJECT_ROOT / "pipelines" / "kubeflow_pipeline.py").read_text()
    assert source.count("@dsl.component(base_image=IMAGE, install_kfp_package=False)") == source.count("@dsl.component(") == 7
