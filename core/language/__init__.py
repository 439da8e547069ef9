"""Lesson 3 · 한국어 문장 분류: a Korean sentence through konlpy, a vocabulary, padding, an embedding and an RNN.

Text: `korean_text` (validation, noise canceling, stopwords), `korean_tagger` (konlpy on one worker thread),
`okt_normalization` (where Okt's normaliser cannot change a word), `token_cache` (tokenized corpora on disk).
Data: `nsmc_data` (NSMC reviews and their fallbacks), `text_corpus` (the corpora a student trains on).
Numbers: `text_vectors` (vocabulary, bag of words, padding), `char_ngrams` (TF-IDF character n-grams).
Models: `sentiment_model` (the shipped model and its predictions), `rnn_lesson` (the student's RNN, hidden
states, embeddings, occlusion), `charts` (the lesson's figures) and `train` (the shipped model's
reproducible training command, `python -m modelbuild.language.sentiment_rnn`).
"""
