"""Lesson 2 · CNN 손글씨 숫자 분류: drawings prepared MNIST-style and read by a CNN.

Modules: `canvas_input` (the browser canvas's RGBA pixels → a grey image), `digit_image` (MNIST-style
preparation: crop, fit 20×20, centre of mass in 28×28), `digit_model` (the shipped CNN and fast single-image
prediction), `mnist_data` (MNIST with its offline fallback), `cnn` (the student's CNN, feature maps,
padding / stride / pooling demos), `charts` (the lesson's figures and images), `train` (the shipped
model's reproducible training command, `python -m modelbuild.vision.digit_cnn`), `pendigits` (real pen trajectories
rendered as canvas drawings, split by writer), `uncertainty` (how sure the CNN is, in words), `neighbours`
(look-alike training digits in the CNN's feature space), `finetune` (a copy fine-tuned on one student's
drawings) and `cnn_code` (the Keras code of the student's CNN).
"""
