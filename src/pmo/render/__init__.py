"""Renderers: a Review in, a document out. No renderer computes a figure."""
