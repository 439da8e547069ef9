"""Bundled corpora, CSV uploads (encodings, columns, limits) and label encoding."""

from __future__ import annotations

import pytest

from core.language import text_corpus
from core.language.text_corpus import (
    CorpusEncodingError,
    CorpusTooLargeError,
    CorpusUnavailableError,
    MissingColumnError,
    SingleClassError,
    TooFewRowsError,
    corpus_from_upload,
    decode_upload,
    encode_labels,
    guess_columns,
    load_bundled_corpus,
    load_nsmc_corpus,
    order_class_names,
    parse_upload,
    subsample,
)


def csv_bytes(rows: list[tuple[str, str]], encoding: str = "utf-8", header: str = "text,label") -> bytes:
    lines = [header] + [f"{text},{label}" for text, label in rows]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


SAMPLE_ROWS = [(f"정말 좋은 영화 {index}번", "긍정") for index in range(15)] + [
    (f"너무 지루한 영화 {index}번", "부정") for index in range(15)
]


def test_bundled_sentiment_corpus_is_large_balanced_and_distinct() -> None:
    corpus = load_bundled_corpus("sentiment")
    assert len(corpus) >= 300
    assert corpus.class_names == ["부정", "긍정"]
    assert corpus.is_binary
    assert corpus.class_counts == {"긍정": 150, "부정": 150}
    assert len(set(corpus.texts)) == len(corpus.texts)
    assert corpus.dropped_rows == 0


def test_bundled_topic_corpus_has_five_classes() -> None:
    corpus = load_bundled_corpus("topic")
    assert len(corpus) >= 300
    assert not corpus.is_binary
    assert set(corpus.class_names) == {"스포츠", "경제", "IT·과학", "문화", "날씨"}
    assert min(corpus.class_counts.values()) >= 50
    assert corpus.label_ids.max() == 4


def test_bundled_corpora_together_exceed_five_hundred_sentences() -> None:
    total = len(load_bundled_corpus("sentiment")) + len(load_bundled_corpus("topic"))
    assert total >= 500


def test_unknown_bundled_corpus_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown bundled corpus"):
        load_bundled_corpus("poems")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949", "euc-kr"])
def test_upload_is_decoded_in_every_excel_encoding(encoding: str) -> None:
    table = parse_upload(csv_bytes(SAMPLE_ROWS, encoding))
    assert table.columns == ["text", "label"]
    corpus = corpus_from_upload(table, "text", "label", "reviews.csv")
    assert corpus.texts[0] == "정말 좋은 영화 0번"
    assert corpus.class_names == ["부정", "긍정"]
    assert table.encoding == ("cp949" if encoding in {"cp949", "euc-kr"} else "utf-8")


def test_undecodable_bytes_raise_a_korean_encoding_error() -> None:
    with pytest.raises(CorpusEncodingError) as caught:
        decode_upload(b"text,label\n\xff\xfe\xfa\xfb\xfc,1\n\x80\x81\x82,0\n")
    assert "인코딩" in caught.value.message_ko


def test_utf16_or_binary_files_are_rejected_with_advice() -> None:
    with pytest.raises(CorpusEncodingError) as caught:
        decode_upload("text,label\n좋아요,1\n".encode("utf-16"))
    assert "CSV UTF-8" in caught.value.message_ko


def test_too_many_bytes_or_rows_are_rejected() -> None:
    with pytest.raises(CorpusTooLargeError) as caught:
        parse_upload(csv_bytes(SAMPLE_ROWS), max_bytes=100)
    assert "MB" in caught.value.message_ko
    with pytest.raises(CorpusTooLargeError):
        parse_upload(csv_bytes(SAMPLE_ROWS), max_rows=10)


def test_empty_file_is_rejected() -> None:
    with pytest.raises(TooFewRowsError):
        parse_upload(b"  \n")


def test_missing_column_names_the_columns_that_exist() -> None:
    table = parse_upload(csv_bytes(SAMPLE_ROWS, header="review,score"))
    with pytest.raises(MissingColumnError) as caught:
        corpus_from_upload(table, "text", "label", "x.csv")
    assert "review" in caught.value.message_ko and "text" in caught.value.message_ko


def test_a_single_column_file_is_a_missing_column_error() -> None:
    with pytest.raises(MissingColumnError) as caught:
        parse_upload("text\n좋아요\n싫어요\n".encode())
    assert "열" in caught.value.message_ko


def test_same_column_for_text_and_label_is_rejected() -> None:
    table = parse_upload(csv_bytes(SAMPLE_ROWS))
    with pytest.raises(MissingColumnError):
        corpus_from_upload(table, "text", "text", "x.csv")


def test_one_class_only_is_rejected() -> None:
    table = parse_upload(csv_bytes([(f"문장 {index}", "긍정") for index in range(30)]))
    with pytest.raises(SingleClassError) as caught:
        corpus_from_upload(table, "text", "label", "x.csv")
    assert "긍정" in caught.value.message_ko


def test_empty_rows_are_dropped_and_counted() -> None:
    rows = SAMPLE_ROWS + [("", "긍정"), ("   ", "부정"), ("라벨 없는 문장", "")]
    corpus = corpus_from_upload(parse_upload(csv_bytes(rows)), "text", "label", "x.csv")
    assert corpus.dropped_rows == 3
    assert len(corpus) == len(SAMPLE_ROWS)


def test_too_few_rows_and_rare_classes_are_rejected() -> None:
    with pytest.raises(TooFewRowsError) as caught:
        corpus_from_upload(parse_upload(csv_bytes(SAMPLE_ROWS[:5] + SAMPLE_ROWS[-5:])), "text", "label", "x.csv")
    assert "최소" in caught.value.message_ko
    rare = SAMPLE_ROWS + [("중립 문장", "중립")]
    with pytest.raises(TooFewRowsError) as caught:
        corpus_from_upload(parse_upload(csv_bytes(rare)), "text", "label", "x.csv")
    assert "중립" in caught.value.message_ko


def test_tab_separated_files_with_quoted_commas_are_read() -> None:
    lines = ["id\tdocument\tlabel"] + [f"{index}\t좋다, 정말 좋다 {index}\t{index % 2}" for index in range(30)]
    table = parse_upload("\n".join(lines).encode("utf-8"))
    assert table.delimiter == "\t"
    assert guess_columns(table.columns) == ("document", "label")
    corpus = corpus_from_upload(table, "document", "label", "nsmc_like.txt")
    assert corpus.texts[1] == "좋다, 정말 좋다 1"
    assert corpus.class_names == ["0", "1"]


def test_guess_columns_prefers_known_names_and_falls_back_to_the_first_two() -> None:
    assert guess_columns(["번호", "문장", "감성"]) == ("문장", "감성")
    assert guess_columns(["a", "b", "c"]) == ("a", "b")
    assert guess_columns(["label", "text"]) == ("text", "label")


def test_class_order_puts_negative_first_for_binary_tasks() -> None:
    assert order_class_names(["긍정", "부정", "긍정"]) == ["부정", "긍정"]
    assert order_class_names(["positive", "negative"]) == ["negative", "positive"]
    assert order_class_names(["b", "c", "a"]) == ["a", "b", "c"]


def test_encode_labels_maps_names_to_ids_and_rejects_unknown_labels() -> None:
    assert encode_labels(["긍정", "부정", "긍정"], ["부정", "긍정"]).tolist() == [1, 0, 1]
    with pytest.raises(ValueError, match="not in class_names"):
        encode_labels(["중립"], ["부정", "긍정"])


def test_subsample_is_reproducible_and_bounded() -> None:
    corpus = load_bundled_corpus("sentiment")
    first = subsample(corpus, 50, seed=3)
    assert len(first) == 50
    assert first.texts == subsample(corpus, 50, seed=3).texts
    assert first.texts != subsample(corpus, 50, seed=4).texts
    assert subsample(corpus, 10_000) is corpus


def test_nsmc_corpus_maps_zero_one_labels_and_subsamples() -> None:
    documents = [f"리뷰 {index}" for index in range(100)] + ["", "  "]
    labels = [index % 2 for index in range(102)]
    corpus = load_nsmc_corpus(lambda: (documents, labels), sample_size=40)
    assert len(corpus) == 40
    assert corpus.class_names == ["부정", "긍정"]
    assert corpus.dropped_rows == 2
    assert corpus.key == "nsmc"


def test_nsmc_unavailable_becomes_a_korean_message() -> None:
    def offline() -> tuple[list[str], list[int]]:
        raise OSError("network unreachable")

    with pytest.raises(CorpusUnavailableError) as caught:
        load_nsmc_corpus(offline)
    assert "NSMC" in caught.value.message_ko and "내장 코퍼스" in caught.value.message_ko


def test_upload_limits_are_sane() -> None:
    assert text_corpus.MAX_UPLOAD_BYTES <= 10_000_000
    assert text_corpus.MIN_TRAINING_ROWS >= 10
