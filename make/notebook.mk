# Notebooks: wall time of a render of Notebooks/llm-blender.md with nothing changed (every cell
# shown from the committed result files). Writes bench/notebook.md.

.PHONY: bench-notebook

## bench-notebook: seconds of a second `blendlab notebook llm-blender`; writes bench/notebook.md
bench-notebook: build
	@scripts/bench-notebook.sh $(BIN)

bench: bench-notebook
