"""Training commands' options come from their config dataclasses (modelbuild.config_options)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass

from modelbuild.config_options import add_config_options, config_from_arguments


@dataclass(frozen=True)
class ToyConfig:
    epochs: int = 3
    learning_rate: float = 0.01
    use_ngrams: bool = True
    cell: str = "gru"


def parse(argv: list[str]) -> ToyConfig:
    parser = argparse.ArgumentParser()
    add_config_options(parser, ToyConfig())
    return config_from_arguments(ToyConfig, parser.parse_args(argv))


def test_defaults_come_from_the_dataclass() -> None:
    assert parse([]) == ToyConfig()


def test_every_field_is_an_option_typed_like_its_default() -> None:
    config = parse(["--epochs", "7", "--learning-rate", "0.5", "--use-ngrams", "false", "--cell", "lstm"])
    assert config == ToyConfig(epochs=7, learning_rate=0.5, use_ngrams=False, cell="lstm")
    assert parse(["--use-ngrams", "YES"]).use_ngrams is True
