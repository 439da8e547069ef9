"""How a text becomes tokens: the tokenizer options a model is trained with, and tokenizing with them.

`TokenizerOptions` travels with every model bundle and is part of the token cache's key, so the page,
the shipped model and the build commands agree on the tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from core.language.korean_text import remove_stopwords


@dataclass(frozen=True)
class TokenizerOptions:
    """Everything that changes the tokens of a text; part of the cache key and of model bundles."""

    tagger: str = "okt"
    stem: bool = False
    normalize: bool = False
    stopwords: frozenset[str] = field(default_factory=frozenset)

    def to_dict(self) -> dict:
        """JSON-ready form (stopwords sorted so that equal options give equal JSON)."""
        return {
            "tagger": self.tagger,
            "stem": self.stem,
            "normalize": self.normalize,
            "stopwords": sorted(self.stopwords),
        }

    @classmethod
    def from_dict(cls, data: dict) -> TokenizerOptions:
        """Rebuild from `to_dict` output."""
        return cls(
            tagger=str(data.get("tagger", "okt")),
            stem=bool(data.get("stem", False)),
            normalize=bool(data.get("normalize", False)),
            stopwords=frozenset(str(word) for word in data.get("stopwords", [])),
        )


class BulkTokenizer:
    """The part of `core.language.korean_tagger.TaggerService` that corpus tokenizing needs (fakes allowed)."""

    def morphs_many(self, texts: Sequence[str], stem: bool = False, norm: bool = False) -> list[list[str]]:
        """Tokenize many texts."""
        raise NotImplementedError


def tokenize_texts(texts: Sequence[str], options: TokenizerOptions, tagger: BulkTokenizer) -> list[list[str]]:
    """Tokenize texts with the options' stemming and normalisation, then drop the stopwords."""
    token_lists = tagger.morphs_many(list(texts), stem=options.stem, norm=options.normalize)
    if not options.stopwords:
        return token_lists
    return [remove_stopwords(tokens, options.stopwords)[0] for tokens in token_lists]
