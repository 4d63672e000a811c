# Two commands for a fresh clone: `make deploy` (the whole stack on the local AWS emulator) and `make test`.
SHELL := /bin/bash
# ansible-core 2.20 and later need Python 3.12 or newer: the newest 3.13 or 3.12 on PATH or under pyenv
# (tools/find-python), unless `make PYTHON=/path/to/python3.x` names one.
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell tools/find-python)
PYTHON_WANTED := no python3.13 or python3.12 that runs, on PATH or in $(or $(PYENV_ROOT),~/.pyenv)/versions
else
PYTHON_WANTED := PYTHON=$(PYTHON) is not a Python 3.12 or newer that runs
endif
PYTHON_VERSION := $(if $(PYTHON),$(shell $(PYTHON) -c 'import sys; sys.version_info >= (3, 12) and print(sys.version.split()[0])' 2>/dev/null))
ifeq ($(PYTHON_VERSION),)
$(error $(PYTHON_WANTED): install Python 3.12 or 3.13, or run make PYTHON=/path/to/python3.12)
endif
VENV := .venv
# The oldest ansible-core that requires_ansible (meta/runtime.yml) names: sanity and unit tests run there too.
VENV_OLDEST := .venv-oldest
BIN := $(CURDIR)/$(VENV)/bin
export ANSIBLE_CONFIG := $(CURDIR)/ansible.cfg
export PATH := $(BIN):$(PATH)
RUN := tools/with-emulator
INVENTORY ?= inventories/local

.PHONY: FORCE setup deploy check destroy verify release rollback security test lint sanity unit molecule integration bench bench-parallel collection emulator-stop clean

setup: $(VENV)/.installed .collections/ansible_collections/tickr/aws .collections/ansible_collections/awx/awx

# A venv another Python made (an older checkout's 3.11 one, or a Python since removed) is made anew.
venv_stale = $(if $(wildcard $(1)/pyvenv.cfg),$(if $(filter $(PYTHON_VERSION),$(shell $(1)/bin/python -c 'import sys; print(sys.version.split()[0])' 2>/dev/null)),,FORCE))

$(VENV)/.installed: requirements.txt requirements-dev.txt $(call venv_stale,$(VENV))
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

$(VENV_OLDEST)/.installed: requirements.txt requirements-oldest.txt $(call venv_stale,$(VENV_OLDEST))
	$(PYTHON) -m venv --clear $(VENV_OLDEST)
	$(VENV_OLDEST)/bin/pip install --quiet --upgrade pip
	$(VENV_OLDEST)/bin/pip install --quiet -r requirements-oldest.txt
	touch $@

FORCE:

# ansible.cfg looks for collections in .collections; this link makes tickr.aws resolve to the checkout.
.collections/ansible_collections/tickr/aws:
	mkdir -p $(@D)
	ln -sfn ../../.. $@

# awx/configure.yml's collection: the `ansible` package bundles awx.awx no more since 14, and its last release
# (24.6.1) is the one ansible 13 bundles; users take it from Galaxy (awx/requirements.yml).
.collections/ansible_collections/awx/awx: | $(VENV_OLDEST)/.installed
	mkdir -p $(@D)
	ln -sfn "$$($(VENV_OLDEST)/bin/python -c 'import ansible_collections.awx.awx as c; print(c.__path__[0])')" $@

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

# A backend version to the local stack: IMAGE is a tag (pushed to the stack's repository first, as a developer's
# `docker push` does) or a digest already there.
release_digest = $(filter sha256:%,$(IMAGE))
release: setup
	$(if $(release_digest),,$(RUN) $(BIN)/python tools/emulator/push_image.py $(if $(findstring :,$(IMAGE)),$(IMAGE),tickr-backend:$(IMAGE)))
	$(RUN) ansible-playbook -i $(INVENTORY) playbooks/release.yml -e tickr_release_image=$(or $(release_digest),$(lastword $(subst :, ,$(IMAGE))))

rollback: setup
	$(RUN) ansible-playbook -i $(INVENTORY) playbooks/rollback.yml

# Prowler in a venv of its own: its pins are not the collection's (requirements-prowler.txt).
VENV_PROWLER := .venv-prowler

$(VENV_PROWLER)/.installed: requirements-prowler.txt $(call venv_stale,$(VENV_PROWLER))
	$(PYTHON) -m venv --clear $(VENV_PROWLER)
	$(VENV_PROWLER)/bin/pip install --quiet --upgrade pip
	$(VENV_PROWLER)/bin/pip install --quiet -r requirements-prowler.txt
	touch $@

# The stack as a security team's scanner sees it: converge, then Prowler's checks with the repository's waivers
# (security/mutelist.yml); fails on a finding neither fixed nor waived (README, "Security").
security: deploy $(VENV_PROWLER)/.installed
	$(RUN) $(BIN)/python tools/security/scan.py --inventory $(INVENTORY)

# Only the local stack is named here; other stacks are destroyed by hand, naming themselves (README).
destroy: setup
	$(RUN) ansible-playbook -i inventories/local playbooks/destroy.yml -e tickr_destroy_confirm=tickr-local

test: lint sanity unit molecule integration

lint: setup
	yamllint .
	ansible-lint --profile production

sanity: setup $(VENV_OLDEST)/.installed
	tests/sanity/run
	TICKR_VENV=$(VENV_OLDEST) tests/sanity/run

# On the oldest core too: the plugins' tests. The emulator's tests and the packaging ones (the tools users build
# with, pinned in requirements-dev.txt) run on the newest only.
unit: setup $(VENV_OLDEST)/.installed
	pytest -q tests/unit tests/emulator tests/packaging
	$(VENV_OLDEST)/bin/pytest -q tests/unit

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
