"""Run the whole two-stage recommender: data → two-tower → FAISS → Wide & Deep → evaluation → report.

    python -m {{package}}.run            # the real configuration (1000 candidates per user)
    python -m {{package}}.run --smoke    # a tiny world, a few seconds
    python -m {{package}}.run --backend exact --candidates 500

Writes outputs/metrics.json, outputs/tradeoff_report.md and outputs/plots/*.png (relative to the
current directory). metrics.json says at the top level whether this was a smoke run, where the
data and the models came from, and which exercises still run on their fallback.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

from . import abtest, ann, data, metrics, ranking, report, retrieval
from .config import Config

DATA_SOURCE = "generated-shop"        # the seeded mock shop of data.py (no click log is downloaded)
MODEL_SOURCE = "trained-from-scratch"  # both models are trained in this run from random weights
CURVE_KS = (1, 2, 3, 5, 10, 20, 50, 100)


def _fmt(x, spec=".4f") -> str:
    return "n/a" if x is None else format(x, spec)


def _status(label: str) -> str:
    for state in ("fallback", "skipped"):
        if str(label).startswith(state):
            return state
    return "implemented"


def _user_tower_call(model, inputs, i):
    one = inputs.take(slice(i, i + 1))
    return model.encode_users(one)


def run(cfg: Config, log=print) -> dict:
    t0 = time.perf_counter()
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    rng = np.random.default_rng(cfg.seed + 1)
    k = cfg.k

    # ------------------------------------------------------------------ data
    log(f"[data] generating a mock e-commerce world (mode={cfg.mode}, seed={cfg.seed})")
    ds = data.generate(cfg)
    stage_seconds = {"data": time.perf_counter() - t0}
    mark = time.perf_counter()
    log(f"[data] {ds.summary()}")

    # ------------------------------------------------------------------ stage 1: retrieval
    log("[retrieval] training the two-tower model with in-batch negatives")
    tower, tower_info = retrieval.train_two_tower(ds, cfg, log=log)
    item_vecs = tower.encode_items()
    index = retrieval.build_index(item_vecs, cfg.backend)
    n_cand = min(cfg.candidates_per_user, ds.n_items)
    n_lite = min(cfg.lite_candidates_per_user, n_cand)
    log(f"[retrieval] {index.backend} index over {index.ntotal} items, {n_cand} candidates per user")

    # ------------------------------------------------------------------ stage 2: ranking
    # The ranker learns on the ranker_train events, with candidates retrieved from the history
    # *before* those events, so it trains on the same kind of lists it will rank in production.
    rt_events = ds.ranker_train
    rt_users = np.unique(rt_events.user)
    hist_retr = data.user_histories(ds.retrieval_train, ds.n_users)
    rt_inputs = retrieval.serving_inputs(ds.retrieval_train, ds, cfg.history_len, rt_users)
    rt_vecs = tower.encode_users(rt_inputs)
    rt_cand, rt_scores = retrieval.retrieve(index, rt_vecs, n_cand, [hist_retr[u] for u in rt_users])
    row_of = np.searchsorted(rt_users, rt_events.user)
    pos_scores = np.sum(rt_vecs[row_of] * item_vecs[rt_events.item], axis=1)
    ctx_train = ranking.FeatureContext.from_events(ds.retrieval_train, ds)
    rows = ranking.ranker_training_rows(ds, rt_events, rt_cand[row_of], rt_scores[row_of], pos_scores,
                                        cfg.ranker_negatives, rng)
    log(f"[ranking] training Wide & Deep on {len(rows['label'])} rows "
        f"({int(rows['label'].sum())} positives + hard negatives from retrieval)")
    ranker, ranker_info = ranking.train_ranker(ctx_train, rows, cfg, log=log)
    stage_seconds["training"] = time.perf_counter() - mark
    mark = time.perf_counter()

    # ------------------------------------------------------------------ offline evaluation
    history = ds.all_train
    hist_all = data.user_histories(history, ds.n_users)
    test = ds.test
    if cfg.eval_users and cfg.eval_users < len(test):
        test = test.subset(np.sort(rng.choice(len(test), size=cfg.eval_users, replace=False)))
    users = test.user
    relevant = [[int(i)] for i in test.item]
    inputs = retrieval.serving_inputs(history, ds, cfg.history_len, users)
    user_vecs = tower.encode_users(inputs)
    exclude = [hist_all[u] for u in users]
    cand, cand_scores = retrieval.retrieve(index, user_vecs, n_cand, exclude)
    ctx = ranking.FeatureContext.from_events(history, ds)

    # one held-out item per user: recall of it in the candidates is the hit rate
    recall_candidates = metrics.mean_metric(metrics.hit_rate_at_k, cand, relevant, n_cand)
    recall_lite = metrics.mean_metric(metrics.hit_rate_at_k, cand[:, :n_lite], relevant, n_lite)
    log(f"[eval] recall of the held-out item in {n_cand} candidates: {recall_candidates:.3f}")

    # Lists are ranked to depth k_max for the recall@k / NDCG@k curves; metrics@k read their top k.
    k_max = max(k, min(max(CURVE_KS), n_cand))
    popular = np.argsort(-ctx.item_log_pop, kind="stable")
    top_pop = []
    for ex in exclude:
        head = popular[: k_max + len(ex)]
        top_pop.append(head[~np.isin(head, ex)][:k_max])
    lists = {
        "popularity": np.asarray(top_pop),
        "retrieval_only": cand[:, :k_max],
        "two_stage": ranking.rank_candidates(ranker, ctx, users, cand, cand_scores,
                                             test.device, test.hour, test.signal, k_max),
        "two_stage_lite": ranking.rank_candidates(ranker, ctx, users, cand[:, :n_lite], cand_scores[:, :n_lite],
                                                  test.device, test.hour, test.signal, k_max),
    }
    versions = {name: metrics.evaluate_lists(l, relevant, ds.n_items, k) for name, l in lists.items()}
    curves = {name: metrics.curves_over_k(l, relevant, [c for c in CURVE_KS if c <= l.shape[1]])
              for name, l in lists.items()}
    offline_metrics = metrics.ranking_metrics_status()
    # NDCG when it is implemented; the hit rate stands in (and says so) while it is a stub.
    primary = "ndcg_at_k" if versions["two_stage"]["ndcg_at_k"] is not None else "hit_rate_at_k"
    primary_fn = metrics.ndcg_at_k if primary == "ndcg_at_k" else metrics.hit_rate_at_k
    shuffled = rng.permutation(test.signal)
    no_signal = ranking.rank_candidates(ranker, ctx, users, cand, cand_scores, test.device, test.hour, shuffled, k)
    realtime_importance = versions["two_stage"][primary] - metrics.mean_metric(primary_fn, no_signal, relevant, k)
    for name, m in versions.items():
        log(f"[eval] {name:15s} NDCG@{k} {_fmt(m['ndcg_at_k'])}  recall@{k} {_fmt(m['recall_at_k'])}  "
            f"hit rate@{k} {m['hit_rate_at_k']:.4f}  coverage@{k} {m['coverage_at_k']:.3f}")
    if primary != "ndcg_at_k":
        log(f"[eval] {offline_metrics}")

    # the extension milestone approximate-index: what an HNSW graph loses against exact search
    approximate = ann.compare_with_approximate(index, item_vecs, user_vecs, n_cand, cfg.latency_requests)
    if approximate["status"] == "implemented":
        log(f"[retrieval] {approximate['backend']}: recall@{approximate['k']} vs exact {approximate['recall_vs_exact']:.3f}, "
            f"p50 {approximate['p50_ms']:.2f} ms vs {approximate['exact_p50_ms']:.2f} ms exact")

    stage_seconds["offline_evaluation"] = time.perf_counter() - mark
    mark = time.perf_counter()

    # ------------------------------------------------------------------ latency, one request at a time
    n_req = min(cfg.latency_requests, len(users))

    def retrieval_request(i):
        vec = _user_tower_call(tower, inputs, i)
        return retrieval.retrieve(index, vec, n_cand, [exclude[i]])

    def ranking_request(i, m):
        return ranking.rank_candidates(ranker, ctx, users[i:i + 1], cand[i:i + 1, :m], cand_scores[i:i + 1, :m],
                                       test.device[i:i + 1], test.hour[i:i + 1], test.signal[i:i + 1], k)

    for i in range(min(3, n_req)):  # warm-up
        retrieval_request(i)
        ranking_request(i, n_cand)
    lat_retr = np.asarray(metrics.time_calls(retrieval_request, n_req))
    lat_rank = np.asarray(metrics.time_calls(lambda i: ranking_request(i, n_cand), n_req))
    lat_lite = np.asarray(metrics.time_calls(lambda i: ranking_request(i, n_lite), n_req))
    latency = {
        "retrieval_only": metrics.latency_percentiles(lat_retr),
        "two_stage": metrics.latency_percentiles(lat_retr + lat_rank),
        "two_stage_lite": metrics.latency_percentiles(lat_retr + lat_lite),
        "popularity": {"p50_ms": 0.0, "p95_ms": 0.0},
    }

    stage_seconds["latency"] = time.perf_counter() - mark
    mark = time.perf_counter()

    # ------------------------------------------------------------------ cost model
    dim = item_vecs.shape[1]
    retr_mflops = (2 * tower_info["user_tower_dense_parameters"] + 2 * ds.n_items * dim) / 1e6
    rank_mflops_per_item = 2 * ranker_info["dense_parameters"] / 1e6  # embedding lookups are ~free
    cost = {
        "popularity": (0.0, 0.0),
        "retrieval_only": (tower_info["train_seconds"], retr_mflops),
        "two_stage": (tower_info["train_seconds"] + ranker_info["train_seconds"], retr_mflops + n_cand * rank_mflops_per_item),
        "two_stage_lite": (tower_info["train_seconds"] + ranker_info["train_seconds"], retr_mflops + n_lite * rank_mflops_per_item),
    }
    n_candidates = {"popularity": 0, "retrieval_only": n_cand, "two_stage": n_cand, "two_stage_lite": n_lite}
    for name in versions:
        versions[name].update({
            "candidates": n_candidates[name],
            "latency_p50_ms": latency[name]["p50_ms"],
            "latency_p95_ms": latency[name]["p95_ms"],
            "train_seconds": cost[name][0],
            "serving_mflops_per_request": cost[name][1],
        })

    # ------------------------------------------------------------------ simulated A/B test
    row_by_user = {int(u): r for r, u in enumerate(users)}

    def policy(name):
        def show(v_users, device, hour, signal):
            rows_ = np.asarray([row_by_user[int(u)] for u in v_users])
            if name == "retrieval_only":
                return cand[rows_, :k]
            m = n_cand if name == "two_stage" else n_lite
            return ranking.rank_candidates(ranker, ctx, v_users, cand[rows_, :m], cand_scores[rows_, :m],
                                           device, hour, signal, k)
        return show

    arms = {name: policy(name) for name in ("retrieval_only", "two_stage", "two_stage_lite")}
    log(f"[ab-test] simulating {cfg.ab_visits_per_arm} visits per arm with a click model")
    ab = abtest.simulate_ab_test(ds.world, arms, "retrieval_only", users, cfg.ab_visits_per_arm, k,
                                 np.exp(ds.item_log_price), ds.n_categories, cfg.signal_accuracy,
                                 cfg.explore_prob, cfg.seed + 7)
    log(f"[ab-test] significance: {ab['significance']}")
    for name, arm in ab["arms"].items():
        extra = "" if name == ab["control"] else f"  CTR lift {arm['ctr_lift']:+.1%} (p={arm['ctr_p_value']:.3g})"
        log(f"[ab-test] {name:15s} CTR {arm['ctr']:.4f}  conversion {arm['conversion_rate']:.4f}{extra}")

    stage_seconds["ab_test"] = time.perf_counter() - mark
    rec = report.recommend(versions, ab, cfg.latency_budget_ms, cfg.significance)
    ndcg_two, ndcg_retr = versions["two_stage"]["ndcg_at_k"], versions["retrieval_only"]["ndcg_at_k"]
    result = {
        "smoke": cfg.mode == "smoke",
        "data_source": DATA_SOURCE,
        "model_source": MODEL_SOURCE,
        "implementations": {
            "time_split": _status(ds.split),
            "in_batch_softmax_logq": _status(tower_info["loss"]),
            "wide_crosses": _status(ranker_info["wide_crosses"]),
            "recall_ndcg_at_k": _status(offline_metrics),
            "delta_method_ab_test": _status(ab["significance"]),
            "approximate_index": _status(approximate["status"]),
        },
        "offline_metrics": offline_metrics,
        "mode": cfg.mode,
        "seed": cfg.seed,
        "k": k,
        "data": ds.summary(),
        "retrieval": {
            "backend": index.backend,
            "candidates_per_user": int(n_cand),
            "recall_at_candidates": recall_candidates,
            "lite_candidates_per_user": int(n_lite),
            "lite_recall_at_candidates": recall_lite,
            "p50_ms": latency["retrieval_only"]["p50_ms"],
            "p95_ms": latency["retrieval_only"]["p95_ms"],
            "approximate": approximate,
            **tower_info,
        },
        "ranking": {
            "p50_ms": float(np.percentile(lat_rank, 50)) if n_req else 0.0,
            "p95_ms": float(np.percentile(lat_rank, 95)) if n_req else 0.0,
            "ndcg_lift_vs_retrieval": None if ndcg_two is None else ndcg_two - ndcg_retr,
            "hit_rate_lift_vs_retrieval": versions["two_stage"]["hit_rate_at_k"] - versions["retrieval_only"]["hit_rate_at_k"],
            "realtime_signal_importance": realtime_importance,
            "realtime_signal_metric": primary,
            **ranker_info,
        },
        "versions": versions,
        "curves": curves,
        "coverage_at_k": versions["two_stage"]["coverage_at_k"],
        "ab_test": ab,
        "recommendation": rec,
        "stage_seconds": stage_seconds,
        "seconds_total": time.perf_counter() - t0,
    }
    return result


def _jsonable(obj):
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(v) for v in obj]
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (np.floating, float)):
        return None if obj != obj else float(obj)  # NaN -> null keeps the file valid JSON
    return obj


def write_plots(plot_dir: Path, result: dict) -> list:
    """The run's PNGs: learning curves, recall@k and NDCG@k over k. Returns their paths."""
    from . import plots  # matplotlib is imported only when plots are written

    k = result["k"]
    return [str(p) for p in (
        plots.learning_curves(plot_dir / "learning_curves.png", result["retrieval"], result["ranking"]),
        plots.metric_over_k(plot_dir / "recall_at_k.png", result["curves"], "recall",
                            f"recall@k of the held-out item per version (metrics.json reports k={k})"),
        plots.metric_over_k(plot_dir / "ndcg_at_k.png", result["curves"], "ndcg",
                            f"NDCG@k of the held-out item per version (metrics.json reports k={k})"),
    )]


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description="Two-stage recommender: retrieval + ranking + evaluation")
    parser.add_argument("--smoke", action="store_true", help="tiny offline configuration (a few seconds)")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--backend", choices=["auto", "faiss", "exact"], default=None)
    parser.add_argument("--candidates", type=int, default=None, help="candidates per user (stage 1 output)")
    parser.add_argument("--output-dir", default=None, help="where metrics.json and the report go (default: outputs)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)

    cfg = Config.smoke() if args.smoke else Config()
    overrides = {}
    if args.seed is not None:
        overrides["seed"] = args.seed
    if args.backend is not None:
        overrides["backend"] = args.backend
    if args.candidates is not None:
        overrides["candidates_per_user"] = args.candidates
        overrides["lite_candidates_per_user"] = min(cfg.lite_candidates_per_user, args.candidates)
    if args.output_dir is not None:
        overrides["output_dir"] = args.output_dir
    cfg = cfg.replace(**overrides)

    log = (lambda *a, **kw: None) if args.quiet else (lambda *a, **kw: print(*a, **kw, flush=True))
    result = _jsonable(run(cfg, log=log))
    out = Path(cfg.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    result["plots"] = write_plots(out / "plots", result)
    (out / "metrics.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    report.write_report(out / "tradeoff_report.md", result)
    fallbacks = [name for name, status in result["implementations"].items() if status != "implemented"]
    if fallbacks:
        log(f"[exercises] still on their fallback: {', '.join(fallbacks)} (see README.md)")
    log(f"[done] recommendation: {result['recommendation']['version']}  "
        f"({result['seconds_total']:.1f} s) → {out / 'metrics.json'}, {out / 'tradeoff_report.md'}, {out / 'plots'}")
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
