# Two commands for a fresh clone: `make deploy` (the whole stack on the local AWS emulator) and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
export PATH := $(BIN):$(PATH)
RUN := tools/with-emulator
INVENTORY ?= inventories/local

.PHONY: setup deploy check destroy verify test lint sanity unit molecule integration bench bench-parallel collection emulator-stop clean

setup: $(VENV)/.installed .collections/ansible_collections/tickr/aws

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# ansible.cfg looks for collections in .collections; this link makes tickr.aws resolve to the checkout.
.collections/ansible_collections/tickr/aws:
	mkdir -p $(@D)
	ln -sfn ../../.. $@

# A new account's image repository is empty and the service's tasks could not start: push the local stack's image
# first, as a developer's `docker push` would (the repository is created for it; site.yml then adopts it).
IMAGE ?= tickr-backend:latest
deploy: setup
	$(RUN) $(BIN)/python tools/emulator/push_image.py --create-repository $(IMAGE)
	$(RUN) ansible-playbook -i $(INVENTORY) playbooks/site.yml

check: setup
	$(RUN) ansible-playbook -i $(INVENTORY) playbooks/site.yml --check --diff

verify: setup
	$(RUN) ansible-playbook -i $(INVENTORY) playbooks/verify.yml

# Only the local stack is named here; other stacks are destroyed by hand, naming themselves (README).
destroy: setup
	$(RUN) ansible-playbook -i inventories/local playbooks/destroy.yml -e tickr_destroy_confirm=tickr-local

test: lint sanity unit molecule integration

lint: setup
	yamllint .
	ansible-lint --profile production

sanity: setup
	tests/sanity/run

unit: setup
	pytest -q tests/unit tests/emulator tests/packaging

molecule: setup
	tests/molecule/run

# Two workers, each with its own emulator; a test file stays on one worker (its module fixtures build once).
integration: setup
	pytest -q -n 2 --dist loadfile tests/integration tests/resilience

# Not a test: figures of a cold converge, a no-op rerun and --check against a boto3 floor (README, "Benchmark").
bench: setup
	$(BIN)/python tools/bench/bench.py $(if $(TAGS),--tags $(TAGS)) $(if $(RUNS),--runs $(RUNS))

# Whole-stack cold converges with RDS and ElastiCache ready at once, then creating for DELAY seconds (default 60):
# the difference must be one delay at most, not two (the waits overlap).
bench-parallel: setup
	$(BIN)/python tools/bench/bench.py --create-delay $(or $(DELAY),60)

# The collection tarball, as ansible-galaxy builds it for Galaxy, Automation Hub and the execution environment.
collection: setup
	$(BIN)/ansible-galaxy collection build --force --output-path build

emulator-stop: setup
	$(BIN)/python tools/emulator/emulator.py stop

clean: emulator-stop
	rm -rf .collections .emulator tests/output
