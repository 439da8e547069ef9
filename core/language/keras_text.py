"""The Keras text API beside the lesson's own encoding and padding, and the Keras code of a student's model.

The lesson encodes and pads in a few lines of NumPy so that students see every step; `StringLookup`,
`TextVectorization` and `pad_sequences`, which students will use next, give the same numbers for the lesson's
vocabulary (padding 0, unknown word 1, words from 2). `generate_model_code` writes the complete Keras program of a
lesson-3 model configuration, from tokenizing to predicting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.language.rnn_lesson import RnnConfig
from core.language.text_vectors import OOV_TOKEN, PAD_TOKEN
from core.shared.code_comments import code_comment


@dataclass(frozen=True)
class KerasEncoding:
    """One sentence's ids from `StringLookup` and `TextVectorization`, and its row from `pad_sequences`."""

    lookup_ids: list[int]
    vectorized_ids: list[int]
    padded: list[int]


class KerasTextTools:
    """`StringLookup` and `TextVectorization` holding the lesson's vocabulary (ids 0 and 1 reserved alike)."""

    def __init__(self, vocabulary_words: Sequence[str]) -> None:
        import keras

        words = list(vocabulary_words)
        if words[:2] != [PAD_TOKEN, OOV_TOKEN]:
            raise ValueError(f"a lesson vocabulary starts with {PAD_TOKEN} and {OOV_TOKEN}")
        # Keras' own reserved entries take ids 0 (mask / padding) and 1 (out of vocabulary), as the lesson's do.
        self.lookup = keras.layers.StringLookup(vocabulary=words[2:], mask_token=PAD_TOKEN, oov_token=OOV_TOKEN)
        self.vectorizer = keras.layers.TextVectorization(vocabulary=words[2:], standardize=None, split="whitespace",
                                                         output_mode="int")

    def encode(self, tokens: Sequence[str], max_length: int, padding: str = "pre") -> KerasEncoding:
        """The ids of one token list from both layers, and the Keras-padded row."""
        import keras

        tokens = [token for token in tokens if token.strip()]
        if not tokens:
            return KerasEncoding([], [], [0] * max_length)
        lookup_ids = [int(value) for value in np.asarray(self.lookup(np.array(tokens)))]
        # TextVectorization splits on whitespace itself; the lesson's tokens never contain spaces.
        vectorized = np.asarray(self.vectorizer(" ".join(tokens))).reshape(-1)
        padded = keras.utils.pad_sequences([lookup_ids], maxlen=max_length, padding=padding, truncating=padding)
        return KerasEncoding(lookup_ids, [int(value) for value in vectorized], [int(value) for value in padded[0]])


def keras_pad(id_lists: Sequence[Sequence[int]], max_length: int, padding: str = "pre",
              truncating: str = "pre") -> np.ndarray:
    """`keras.utils.pad_sequences` with the lesson's argument names (for the side-by-side comparison)."""
    import keras

    return np.asarray(keras.utils.pad_sequences([list(ids) for ids in id_lists], maxlen=max_length,
                                                padding=padding, truncating=truncating, value=0), dtype=np.int32)


# Comments of the generated program, in the student's language.
COMMENTS = {
    "data": ("# train_texts, test_texts: 문장 목록, train_labels, test_labels: 라벨 번호(0, 1, …) 목록",
             "# train_texts, test_texts: lists of sentences; train_labels, test_labels: label ids (0, 1, …)"),
    "tokenize": ("# 1) 토큰화: 형태소 분석기로 문장을 형태소로 나누고 공백으로 이어 붙입니다",
                 "# 1) Tokenize: split each sentence into morphemes and join them with spaces"),
    "vectorize": ("# 2) 정수 인코딩: 단어장(0=패딩, 1=모르는 단어)을 만들고 단어를 번호로 바꿉니다",
                  "# 2) Integer encoding: build the vocabulary (0 = padding, 1 = unknown) and turn words into ids"),
    "pad": ("# 3) 패딩: 모든 문장을 같은 길이로 맞춥니다", "# 3) Padding: make every sentence the same length"),
    "model": ("# 4) 모델: Embedding → 순환층 → Dense", "# 4) The model: Embedding → recurrent layer → Dense"),
    "mask": ("# mask_zero=True: 패딩(0)은 순환층이 건너뜁니다",
             "# mask_zero=True: the recurrent layer skips padding (0)"),
    "compile": ("# 5) 컴파일: 옵티마이저, 손실 함수, 지표", "# 5) Compile: optimizer, loss and metric"),
    "fit": ("# 6) 학습", "# 6) Train"),
    "evaluate": ("# 7) 평가: 테스트 데이터의 손실과 정확도", "# 7) Evaluate: loss and accuracy on the test data"),
    "predict": ("# 8) 예측: predict_classes는 Keras에서 사라졌습니다. 확률을 받아 직접 고릅니다",
                "# 8) Predict: Keras removed predict_classes; pick the class from the probabilities"),
    "binary": ("# 시그모이드 출력 1칸 = 긍정일 확률 → 0.5 이상이면 1",
               "# one sigmoid output = P(class 1) → 1 when ≥ 0.5"),
    "argmax": ("# 소프트맥스 출력 = 클래스별 확률 → 가장 큰 것(argmax)",
               "# softmax outputs = one probability per class → argmax"),
}


def _comment(name: str, language: str) -> str:
    return code_comment(COMMENTS, name, language)


def tokenizer_lines(tagger: str, stem: bool) -> list[str]:
    """The tokenizing lines for a lesson tagger: a konlpy class, or Kiwi."""
    if tagger == "kiwi":
        return ["from kiwipiepy import Kiwi", "", "kiwi = Kiwi()", "",
                "def tokenize(text):", "    return [token.form for token in kiwi.tokenize(text)]"]
    class_name = {"okt": "Okt", "komoran": "Komoran", "kkma": "Kkma", "hannanum": "Hannanum"}.get(tagger, "Okt")
    call = "tagger.morphs(text, stem=True)" if stem and class_name == "Okt" else "tagger.morphs(text)"
    return [f"from konlpy.tag import {class_name}", "", f"tagger = {class_name}()", "",
            "def tokenize(text):", f"    return {call}"]


def generate_model_code(config: RnnConfig, class_count: int, tagger: str = "okt", language: str = "ko",
                        seed: int = 42) -> str:
    """The whole Keras program of a lesson-3 model; a test runs it and compares the model it builds."""
    if class_count < 2:
        raise ValueError(f"need at least two classes, got {class_count}")
    binary = class_count == 2
    output = "keras.layers.Dense(1, activation=\"sigmoid\")" if binary else \
        f"keras.layers.Dense({class_count}, activation=\"softmax\")"
    loss = "binary_crossentropy" if binary else "sparse_categorical_crossentropy"
    lines = ["import numpy as np", "import keras", *tokenizer_lines(tagger, config.stem), "",
             _comment("data", language), _comment("tokenize", language),
             'train_tokens = [" ".join(tokenize(text)) for text in train_texts]',
             'test_tokens = [" ".join(tokenize(text)) for text in test_texts]', "",
             _comment("vectorize", language),
             f'vectorizer = keras.layers.TextVectorization(max_tokens={config.vocab_size}, standardize=None, '
             'split="whitespace")',
             "vectorizer.adapt(train_tokens)",
             "vocab_size = vectorizer.vocabulary_size()",
             "train_ids = [vectorizer(text).numpy() for text in train_tokens]",
             "test_ids = [vectorizer(text).numpy() for text in test_tokens]", "",
             _comment("pad", language),
             f'X_train = keras.utils.pad_sequences(train_ids, maxlen={config.max_length}, padding="{config.padding}", '
             f'truncating="{config.padding}")',
             f'X_test = keras.utils.pad_sequences(test_ids, maxlen={config.max_length}, padding="{config.padding}", '
             f'truncating="{config.padding}")',
             "y_train = np.array(train_labels)", "y_test = np.array(test_labels)", "",
             f"keras.utils.set_random_seed({seed})", _comment("model", language),
             "model = keras.Sequential([",
             f"    keras.Input(shape=({config.max_length},)),",
             f"    keras.layers.Embedding(vocab_size, {config.embedding_dim}, mask_zero=True),  "
             + _comment("mask", language),
             f"    keras.layers.{config.cell}({config.units}),",
             f"    {output},",
             "])", "model.summary()", "",
             _comment("compile", language),
             f'model.compile(optimizer=keras.optimizers.Adam(learning_rate={config.learning_rate!r}), loss="{loss}", '
             'metrics=["accuracy"])', "",
             _comment("fit", language),
             f"history = model.fit(X_train, y_train, epochs={config.epochs}, batch_size={config.batch_size}, "
             "validation_split=0.15)", "",
             _comment("evaluate", language),
             "loss, accuracy = model.evaluate(X_test, y_test)",
             'print(f"test accuracy: {accuracy:.3f}")', "",
             _comment("predict", language),
             "probabilities = model.predict(X_test[:5])"]
    if binary:
        lines += [_comment("binary", language), "predicted = (probabilities[:, 0] >= 0.5).astype(int)"]
    else:
        lines += [_comment("argmax", language), "predicted = np.argmax(probabilities, axis=1)"]
    lines.append("print(predicted)")
    return "\n".join(lines) + "\n"


def architecture(model: Any) -> list[tuple[str, dict]]:
    """Layer types with the settings that define them (for comparing a generated model with the lesson's)."""
    described = []
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        config = layer.get_config()
        kept = {key: config[key] for key in ("input_dim", "output_dim", "mask_zero", "units", "activation")
                if key in config}
        described.append((type(layer).__name__, kept))
    return described
