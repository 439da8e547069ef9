"""Lesson 3 · 한국어 문장 분류 sections, in the note's order: `tagger` (the analyser), `sentence` (①),
then one module per step (`noise` 1, `tokens` 2, `bag_of_words` 3–4, `encoding` 5, `padding` 6, `embedding` 7,
`rnn_states` 8, `influence` 9), `review` (② the shipped model) and `train` (③, with `train_results`).
Shared resources are in `resources`, session keys in `state`, shared message helpers in `text_ui`."""
