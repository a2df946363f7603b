"""The chat page (Gradio): app, page logic, rendering, feedback."""
