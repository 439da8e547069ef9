"""Lesson 2 · CNN 손글씨 숫자 분류 sections, in the note's order: `draw` (draw and predict), `inside`
(feature maps and filters), `conv_demo` (padding · stride · kernel), `pool_demo` (max pooling) and `train`
(with `train_results`). Shared resources are in `resources`, session keys in `state`."""
