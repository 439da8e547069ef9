"""Lesson 2 · CNN 손글씨 숫자 분류: drawings prepared MNIST-style and read by a CNN.

The computing behind lessons/vision: preparing drawings, the shipped CNN and the student's own, and fine-tuning
on one student's or a whole class's drawings.
"""
