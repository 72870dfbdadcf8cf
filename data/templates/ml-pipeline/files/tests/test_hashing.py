import pandas as pd

from {{package}}.hashing import canonical_json, content_hash, source_hash


def test_equal_dataframes_hash_equal_and_any_change_shows():
    a = pd.DataFrame({"x": [1, 2, 3], "y": ["a", "b", "c"]})
    assert content_hash(a) == content_hash(a.copy())
    b = a.copy()
    b.loc[1, "x"] = 20
    assert content_hash(a) != content_hash(b)
    assert content_hash(a) != content_hash(a.astype({"x": "float64"}))  # dtype is content too
    assert content_hash(a) != content_hash(a.rename(columns={"y": "z"}))


def test_dict_hash_ignores_key_order():
    assert content_hash({"a": 1, "b": [1, 2]}) == content_hash({"b": [1, 2], "a": 1})
    assert canonical_json({"b": 1, "a": 2}) == '{"a":2,"b":1}'


def test_source_hash_follows_the_code():
    def f(x):
        return x + 1

    def g(x):
        return x + 2

    assert source_hash(f) != source_hash(g)
    assert source_hash(f) == source_hash(f)
