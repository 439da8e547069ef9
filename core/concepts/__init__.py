"""Lesson 1 · 학습 개념: the training loop, tensors, epoch / batch / iteration and the Keras model builder.

Modules: `training_loop` (one gradient step at a time with `tf.GradientTape`), `tensors` (ranks, shapes,
`df.values`, reshape), `batching` (epoch / batch / iteration arithmetic), `toy_datasets` (the builder's
generated data) and `model_builder` (a Keras `Sequential` from the builder's settings, its training run,
evaluation, prediction and the generated code).
"""
