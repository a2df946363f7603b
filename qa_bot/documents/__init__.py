"""Documents: loading files (text, Markdown, HTML), their structure, sentences and passages."""
