"""lessons.warmup: the parts that serve.py runs at start and again after a class has left."""

from __future__ import annotations

from lessons import warmup


def test_the_student_model_paths_warm_up() -> None:
    warmup.warm_student_models()


def test_refilling_goes_on_past_a_failing_part(monkeypatch) -> None:
    ran = []

    def broken() -> None:
        ran.append("concepts")
        raise RuntimeError("no data")

    monkeypatch.setattr(warmup, "warm_concepts", broken)
    monkeypatch.setattr(warmup, "warm_vision", lambda: ran.append("vision"))
    monkeypatch.setattr(warmup, "warm_language", lambda: ran.append("language"))
    warmup.refill_shared_results()
    assert ran == ["concepts", "vision", "language"]
