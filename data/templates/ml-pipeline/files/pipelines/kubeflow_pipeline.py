"""The training pipeline as a Kubeflow Pipelines (KFP v2) definition.

    check-drift-op ─► [if "retrain"] ingest-op ─► validate-op ─► features-op ─► train-op ─► evaluate-op ─► register-op

Every component is a lightweight Python component whose body calls the same step function as
the local runner, through {{package}}.orchestration.run_step_with_paths. The components run in
an image that contains this project (see Dockerfile):

    docker build -t <registry>/{{package}}:0.1.0 .  &&  docker push <registry>/{{package}}:0.1.0
    PIPELINE_IMAGE=<registry>/{{package}}:0.1.0 python pipelines/kubeflow_pipeline.py
    # → outputs/kubeflow_pipeline.yaml: upload it in the KFP UI, or submit it with kfp.Client()

KFP caches each component by its spec and inputs, the same idea as the local content-hash cache;
`check-drift-op` and `register-op` read and write the registry, so their caching is turned off.
The registry lives on persistent storage shared by the pods: the PersistentVolumeClaim named
by PIPELINE_REGISTRY_PVC (default "model-registry"; create it once with ReadWriteMany access)
is mounted at /mnt/registry in both of them with the kfp-kubernetes extension. Without the
mount each pod would write a registry into its own throw-away filesystem and every run would
find "no champion yet". (Or swap ModelRegistry for MLflow / Vertex AI Model Registry.)

The image installs kfp (see Dockerfile), so the components start without a pip install:
`install_kfp_package=False`.

No `from __future__ import annotations` in this file: KFP reads the component functions' type
annotations (Input[Dataset], Output[Model], ...) at definition time and needs real types.
"""

import argparse
import os
from pathlib import Path

from kfp import compiler, dsl, kubernetes  # kubernetes: the kfp-kubernetes package
from kfp.dsl import Artifact, Dataset, Input, Metrics, Model, Output

IMAGE = os.environ.get("PIPELINE_IMAGE", "{{package}}:0.1.0")
DEFAULT_CONFIG = "/app/configs/pipeline.yaml"  # where the Dockerfile puts configs/
REGISTRY_PVC = os.environ.get("PIPELINE_REGISTRY_PVC", "model-registry")
REGISTRY_MOUNT = "/mnt/registry"  # where the registry PVC is mounted in the pods that use it


@dsl.component(base_image=IMAGE, install_kfp_package=False)
def check_drift_op(config_path: str, registry_root: str, new_data_path: str) -> str:
    from {{package}}.orchestration import needs_retraining

    retrain = needs_retraining(new_data_path or None, config_path, output_dir="/tmp/outputs",
                               registry_root=registry_root)
    return "retrain" if retrain else "skip"


@dsl.component(base_image=IMAGE, install_kfp_package=False)
def ingest_op(config_path: str, overrides: str, new_data_path: str, data: Output[Dataset]):
    from {{package}}.orchestration import run_step_with_paths

    run_step_with_paths("ingest", config_path, overrides, inputs={}, outputs={"data": data.path},
                        new_data_path=new_data_path)


@dsl.component(base_image=IMAGE, install_kfp_package=False)
def validate_op(config_path: str, overrides: str, data: Input[Dataset], validated: Output[Dataset],
                report: Output[Artifact]):
    from {{package}}.orchestration import run_step_with_paths

    run_step_with_paths("validate", config_path, overrides, inputs={"data": data.path},
                        outputs={"data": validated.path, "report": report.path})


@dsl.component(base_image=IMAGE, install_kfp_package=False)
def features_op(config_path: str, overrides: str, data: Input[Dataset], train: Output[Dataset],
                test: Output[Dataset]):
    from {{package}}.orchestration import run_step_with_paths

    run_step_with_paths("features", config_path, overrides, inputs={"data": data.path},
                        outputs={"train": train.path, "test": test.path})


@dsl.component(base_image=IMAGE, install_kfp_package=False)
def train_op(config_path: str, overrides: str, train: Input[Dataset], model: Output[Model]):
    from {{package}}.orchestration import run_step_with_paths

    run_step_with_paths("train", config_path, overrides, inputs={"train": train.path},
                        outputs={"model": model.path})


@dsl.component(base_image=IMAGE, install_kfp_package=False)
def evaluate_op(config_path: str, overrides: str, model: Input[Model], test: Input[Dataset],
                scores: Output[Artifact], kpis: Output[Metrics]):
    from {{package}}.orchestration import run_step_with_paths

    out = run_step_with_paths("evaluate", config_path, overrides, inputs={"model": model.path, "test": test.path},
                              outputs={"metrics": scores.path})
    for name, value in out["metrics"].items():
        kpis.log_metric(name, float(value))


@dsl.component(base_image=IMAGE, install_kfp_package=False)
def register_op(config_path: str, overrides: str, registry_root: str, model: Input[Model],
                scores: Input[Artifact], train: Input[Dataset], test: Input[Dataset]) -> str:
    import json

    from {{package}}.orchestration import run_step_with_paths

    out = run_step_with_paths("register", config_path, overrides, registry_root=registry_root,
                              inputs={"model": model.path, "metrics": scores.path, "train": train.path,
                                      "test": test.path},
                              outputs={})
    return json.dumps(out["decision"])


@dsl.pipeline(name="churn-training-pipeline",
              description="ingest, validate, features, train, evaluate, register; retrains on drift")
def training_pipeline(config_path: str = DEFAULT_CONFIG, overrides: str = "[]", new_data_path: str = ""):
    # registry_root is not a run parameter: it must be where the PVC is mounted
    registry_root = REGISTRY_MOUNT
    gate = check_drift_op(config_path=config_path, registry_root=registry_root, new_data_path=new_data_path)
    gate.set_caching_options(False)
    kubernetes.mount_pvc(gate, pvc_name=REGISTRY_PVC, mount_path=REGISTRY_MOUNT)
    with dsl.If(gate.output == "retrain", name="retrain"):
        ingest = ingest_op(config_path=config_path, overrides=overrides, new_data_path=new_data_path)
        validate = validate_op(config_path=config_path, overrides=overrides, data=ingest.outputs["data"])
        feats = features_op(config_path=config_path, overrides=overrides, data=validate.outputs["validated"])
        trained = train_op(config_path=config_path, overrides=overrides, train=feats.outputs["train"])
        evaluated = evaluate_op(config_path=config_path, overrides=overrides, model=trained.outputs["model"],
                                test=feats.outputs["test"])
        registered = register_op(config_path=config_path, overrides=overrides, registry_root=registry_root,
                                 model=trained.outputs["model"], scores=evaluated.outputs["scores"],
                                 train=feats.outputs["train"], test=feats.outputs["test"])
        registered.set_caching_options(False)
        kubernetes.mount_pvc(registered, pvc_name=REGISTRY_PVC, mount_path=REGISTRY_MOUNT)


def compile_pipeline(package_path="outputs/kubeflow_pipeline.yaml") -> Path:
    path = Path(package_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    compiler.Compiler().compile(pipeline_func=training_pipeline, package_path=str(path))
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Compile the Kubeflow pipeline to YAML")
    parser.add_argument("--out", default="outputs/kubeflow_pipeline.yaml")
    print(f"compiled → {compile_pipeline(parser.parse_args().out)}")
