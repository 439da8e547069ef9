"""The lessons' sections: one module per section, each with one `render()`, called in order by `pages/`.

`common` holds what every lesson's UI shares (language, messages, the training monitor). Each lesson
package declares its session-state keys in its `state` module. Like `pages/`, nothing here imports
keras, tensorflow or konlpy; all computing happens in `core/`.
"""
