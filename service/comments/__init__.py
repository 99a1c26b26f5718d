"""Readers' comments: threads under articles, replies, the page, the JSON API's service side
and the embed script."""
