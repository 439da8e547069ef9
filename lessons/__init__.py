"""The lessons' sections: one module per section, each with one `render()`, called in order by `pages/`.

Each lesson package declares its session-state keys in its `keys` module; the modules beside the packages
hold what every lesson's UI shares (language, messages, sections, the training panel). Like `pages/`,
nothing here imports keras, tensorflow or konlpy; all computing happens in `core/`.
"""

from lessons.streamlit_internals import leave_legacy_pages_mode

# Every page imports this package first: a server's first visitor who opens a lesson's URL directly would
# otherwise get Streamlit's old `pages/` folder mode (see lessons.streamlit_internals).
leave_legacy_pages_mode()
