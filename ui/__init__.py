"""The web app (Gradio) over the library."""
