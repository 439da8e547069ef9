"""Tests for core.concepts.tensors: ranks, DataFrame -> array and reshape explanations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from core.concepts.tensors import (
    ShapeMismatchError,
    dataframe_to_array,
    describe,
    make_tensor,
    parse_shape,
    rank_examples,
    reshape,
    sample_dataframe,
)


def test_rank_examples_have_rank_0_to_3() -> None:
    examples = rank_examples()
    for rank, array in examples.items():
        info = describe(array)
        assert info.ndim == rank
        assert info.dtype == "float32"
    assert describe(examples[0]).shape == ()
    assert describe(examples[3]).shape == (2, 3, 4)
    assert describe(examples[3]).size == 24


def test_make_tensor_counts_elements_in_order() -> None:
    tensor = make_tensor((2, 3))
    np.testing.assert_array_equal(tensor, [[1, 2, 3], [4, 5, 6]])
    with pytest.raises(ValueError, match="rank 3"):
        make_tensor((1, 1, 1, 1))
    with pytest.raises(ValueError, match="between 1"):
        make_tensor((0, 3))


def test_dataframe_values_is_the_same_as_to_numpy() -> None:
    frame = sample_dataframe()
    array = dataframe_to_array(frame)
    assert array.shape == (5, 3)
    np.testing.assert_array_equal(array, frame.to_numpy())
    assert dataframe_to_array(frame, ["study_hours"]).shape == (5, 1)


def test_dataframe_with_text_column_is_rejected() -> None:
    frame = pd.DataFrame({"hours": [1.0, 2.0], "name": ["kim", "lee"]})
    assert frame.values.dtype == object
    with pytest.raises(ValueError, match="non-numeric"):
        dataframe_to_array(frame)
    with pytest.raises(ValueError, match="not in the table"):
        dataframe_to_array(frame, ["age"])


def test_parse_shape() -> None:
    cases = {"3, 4": (3, 4), "(2, 3, 2)": (2, 3, 2), "[12]": (12,), "-1, 2": (-1, 2)}
    for text, shape in cases.items():
        assert parse_shape(text) == shape


def test_parse_shape_rejects_bad_text() -> None:
    for text in ["", "a, b", "3.5, 2", "-1, -1", "0, 4", "-3, 4"]:
        with pytest.raises(ValueError):
            parse_shape(text)


def test_reshape_keeps_element_order() -> None:
    array = make_tensor((3, 4))
    np.testing.assert_array_equal(reshape(array, (2, 6)).ravel(), array.ravel())
    assert reshape(array, (-1, 3)).shape == (4, 3)


def test_reshape_mismatch_explains_the_sizes() -> None:
    with pytest.raises(ShapeMismatchError, match=r"12 elements.*5 x 3 = 15") as caught:
        reshape(make_tensor((3, 4)), (5, 3))
    assert (caught.value.size, caught.value.product) == (12, 15)
    with pytest.raises(ShapeMismatchError):
        reshape(make_tensor((3, 4)), (-1, 5))
