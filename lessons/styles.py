"""Page styles shared by every lesson."""

# Every picture of the app is pixel art (digits, feature maps, filters): the browser enlarges them with
# sharp pixels, so the server can send them at their own small resolution.
PIXEL_ART_STYLE = "<style>[data-testid='stImage'] img { image-rendering: pixelated; }</style>"
