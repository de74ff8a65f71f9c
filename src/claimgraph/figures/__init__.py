"""Figures: the numbers documents give about events (tolls per victim group) and measured things (a
group's strength), as intervals with their speakers (``model.Figure``; ``extract.extract_figures``)."""
