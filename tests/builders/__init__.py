"""Builders for what a test needs beyond the shared demo, in the manner of Wagtail's
`make_form_page(**kwargs)`: small, keyword-driven, through the app's own services."""
