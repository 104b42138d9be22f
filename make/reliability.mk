# Reliability: crash/resume, concurrent runs, broken input, determinism, disk full/read-only.
.PHONY: test-reliability
test-reliability: setup
	$(SWIFT) build $(TEST_FLAGS) --product blendlab
	PYTHONDONTWRITEBYTECODE=1 python3 scripts/reliability/run.py
