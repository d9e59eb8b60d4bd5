"""The engines map a function over a stream in input order, holding only a bounded window in flight."""

from __future__ import annotations

import operator

import pytest

from newsprism.engine import InlineEngine, LocalEngine, make_engine
from newsprism.errors import UsageError


def _counting(n: int, pulled: list[int]):
    for i in range(n):
        pulled.append(i)
        yield i


def test_inline_engine_yields_results_in_input_order():
    assert list(InlineEngine().map(operator.neg, range(5))) == [0, -1, -2, -3, -4]


def test_local_engine_yields_results_in_input_order():
    engine = LocalEngine(2)
    try:
        assert list(engine.map(operator.neg, range(40))) == [-i for i in range(40)]
    finally:
        engine.close()


def test_local_engine_pulls_only_a_window_of_items_ahead_of_the_consumer():
    engine = LocalEngine(2, window=3)
    pulled: list[int] = []
    try:
        results = engine.map(operator.neg, _counting(1000, pulled))
        assert next(results) == 0
        assert len(pulled) == 3
        assert next(results) == -1
        assert len(pulled) == 4
        results.close()
    finally:
        engine.close()


def test_make_engine_local_with_one_worker_runs_inline():
    assert isinstance(make_engine("local", workers=1), InlineEngine)


def test_make_engine_local_with_two_workers_is_a_process_pool():
    engine = make_engine("local", workers=2)
    try:
        assert isinstance(engine, LocalEngine)
        assert engine.workers == 2
    finally:
        engine.close()


def test_make_engine_rejects_an_unknown_engine_by_name():
    with pytest.raises(UsageError, match="spark"):
        make_engine("spark")
