"""One `--field-name` command-line option per field of a training command's config dataclass.

Lesson 3's model-building commands (`sentiment_rnn`, `word_vectors`, `cell_comparison`) let every setting be
overridden for experiments; this module turns a dataclass of defaults into options and back.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict, fields
from typing import Any, TypeVar

Config = TypeVar("Config")
TRUE_WORDS = ("1", "true", "yes")


def parse_flag(text: str) -> bool:
    """A boolean option's value: 1, true or yes (any case) mean True; anything else False."""
    return text.lower() in TRUE_WORDS


def add_config_options(parser: argparse.ArgumentParser, defaults: Any) -> None:
    """Add `--field-name` for every field of the dataclass instance `defaults`, typed like its default."""
    for name, default in asdict(defaults).items():
        option_type = parse_flag if isinstance(default, bool) else type(default)
        parser.add_argument("--" + name.replace("_", "-"), type=option_type, default=default)


def config_from_arguments(config_type: type[Config], arguments: argparse.Namespace) -> Config:
    """The `config_type` dataclass filled from parsed options added by `add_config_options`."""
    return config_type(**{field.name: getattr(arguments, field.name) for field in fields(config_type)})
