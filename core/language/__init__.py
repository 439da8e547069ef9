"""Lesson 3 · 한국어 문장 분류: a Korean sentence through konlpy, a vocabulary, padding, an embedding and an RNN.

The computing behind lessons/language, including the Korean taggers and the shipped sentiment model.
"""
