"""Lesson 1 · 학습 개념: the training loop, tensors, epoch / batch / iteration and the Keras model builder.

The computing behind lessons/concepts, from one `tf.GradientTape` step to the builder's data, model and code.
"""
