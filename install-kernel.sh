#!/usr/bin/env bash
# Builds Hearth (if needed) and installs its Jupyter kernelspec "hearth".
#
#   ./install-kernel.sh [--user | --sys-prefix | --prefix DIR] [--rebuild] [--uninstall]
#
# --user (default)  the per-user kernels directory (what `jupyter kernelspec list` shows first)
# --sys-prefix      the kernels directory of the Python environment that runs `jupyter`
# --prefix DIR      DIR/share/jupyter/kernels
# --rebuild         build the jar even if one exists
# --uninstall       remove the kernelspec and the `hearth` launcher
#
# HEARTH_JVM_OPTS   JVM options used when the kernel starts (read at every start, not at install)
# JAVA_HOME         the Java 17+ to build and run with (default: `java` on PATH)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mode=user
prefix=""
rebuild=false
uninstall=false
name=hearth

while (($#)); do
  case "$1" in
    --user) mode=user ;;
    --sys-prefix) mode=sys-prefix ;;
    --prefix) mode=prefix; prefix="${2:?--prefix needs a directory}"; shift ;;
    --prefix=*) mode=prefix; prefix="${1#--prefix=}" ;;
    --rebuild) rebuild=true ;;
    --uninstall) uninstall=true ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "install-kernel.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { printf 'hearth: %s\n' "$*" >&2; }

jupyter_cmd=""
if command -v jupyter >/dev/null 2>&1 && jupyter kernelspec --version >/dev/null 2>&1; then
  jupyter_cmd="jupyter"
elif [ -x /usr/bin/python3 ] && /usr/bin/python3 -m jupyter kernelspec --version >/dev/null 2>&1; then
  jupyter_cmd="/usr/bin/python3 -m jupyter"
fi

# Where the kernelspec goes when we write it ourselves (no jupyter command).
kernels_dir() {
  case "$mode" in
    user)
      if [ -n "${JUPYTER_DATA_DIR:-}" ]; then echo "$JUPYTER_DATA_DIR/kernels"
      elif [ "$(uname -s)" = Darwin ]; then echo "$HOME/Library/Jupyter/kernels"
      else echo "${XDG_DATA_HOME:-$HOME/.local/share}/jupyter/kernels"; fi ;;
    prefix) echo "$prefix/share/jupyter/kernels" ;;
    sys-prefix)
      say "--sys-prefix needs the jupyter command (to find its environment); use --user or --prefix DIR"
      exit 1 ;;
  esac
}

# The python that runs `jupyter` (for --sys-prefix: its sys.prefix holds the kernels directory).
jupyter_python() {
  case "$jupyter_cmd" in
    *" -m jupyter") echo "${jupyter_cmd% -m jupyter}" ;;
    *) sed -n '1s/^#! *//p' "$(command -v jupyter)" ;;
  esac
}

# The one kernels directory this run installs into or uninstalls from: never "whichever hearth
# jupyter finds first" (jupyter also searches ~/.local/share/jupyter even when JUPYTER_DATA_DIR is set).
target_kernels_dir() {
  if [ "$mode" = sys-prefix ]; then
    [ -n "$jupyter_cmd" ] || kernels_dir
    local sys_prefix
    # shellcheck disable=SC2046
    if ! sys_prefix="$($(jupyter_python) -c 'import sys, jupyter_core; print(sys.prefix)' 2>/dev/null)"; then
      say "--sys-prefix: cannot tell which Python runs jupyter; use --user or --prefix DIR"
      exit 1
    fi
    echo "$sys_prefix/share/jupyter/kernels"
  else
    kernels_dir
  fi
}

bin_dir() {
  case "$mode" in
    prefix) echo "$prefix/bin" ;;
    *) echo "${HEARTH_BIN_DIR:-$HOME/.local/bin}" ;;
  esac
}

if $uninstall; then
  target="$(target_kernels_dir)/$name"
  rm -rf "$target"
  rm -f "$(bin_dir)/hearth"
  say "uninstalled the '$name' kernelspec ($target) and the hearth launcher"
  exit 0
fi

# The JDK to run with: JAVA_HOME if set, else the newest JDK 17+ among `java` on PATH and the JDKs
# installed beside it (newer JDKs start faster: on 25+ the kernel starts from an AOT cache).
java_version_of() { # prints the feature version of the java at $1 (empty if it cannot tell)
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | sed 's/^1\.//; s/\..*//'
}
is_jdk() { # a JDK, not a JRE: cells need the compiler (jdk.compiler, jdk.jshell)
  [ -x "$(dirname "$1")/javac" ]
}
java_bin=""
java_version=""
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_bin="$JAVA_HOME/bin/java"
  java_version="$(java_version_of "$java_bin")"
  java_reason="JAVA_HOME"
else
  seen=" "
  on_path="$(command -v java 2>/dev/null || true)"
  jdks="" # the folder holding the JDK that `java` on PATH belongs to (e.g. /usr/lib/jvm): its siblings
  [ -n "$on_path" ] && jdks="$(dirname "$(dirname "$(dirname "$(readlink -f "$on_path" 2>/dev/null || echo "$on_path")")")")"
  for candidate in "$on_path" ${jdks:+"$jdks"/*/bin/java "$jdks"/*/Contents/Home/bin/java}; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    real="$(readlink -f "$candidate" 2>/dev/null || echo "$candidate")"
    case "$seen" in *" $real "*) continue ;; esac
    seen="$seen$real "
    [ "$candidate" = "$on_path" ] || is_jdk "$real" || continue
    version="$(java_version_of "$real")"
    if [ -n "$version" ] && [ "$version" -ge 17 ] 2>/dev/null && { [ -z "$java_version" ] || [ "$version" -gt "$java_version" ]; }; then
      java_bin="$real"
      java_version="$version"
    fi
  done
  java_reason="the newest JDK 17+ beside java on PATH; set JAVA_HOME to choose another"
fi
if [ -z "$java_bin" ]; then
  say "Java 17 or newer is missing. Install it (Debian/Ubuntu: sudo apt-get install openjdk-17-jdk) or set JAVA_HOME."
  exit 1
fi
if [ -z "$java_version" ] || [ "$java_version" -lt 17 ] 2>/dev/null; then
  say "Hearth needs Java 17 or newer; $java_bin is Java ${java_version:-unknown}. Set JAVA_HOME to a newer JDK."
  exit 1
fi
java_bin="$(command -v "$java_bin")"
say "running with Java $java_version: $java_bin ($java_reason)"

jar="$here/kernel/target/hearth-kernel-0.1.0-SNAPSHOT-all.jar"
if $rebuild || [ ! -f "$jar" ]; then
  if ! command -v mvn >/dev/null 2>&1; then
    say "Maven is missing and there is no built jar. Install it (Debian/Ubuntu: sudo apt-get install maven)."
    exit 1
  fi
  say "building (mvn package, tests skipped; run the tests with: mvn verify) ..."
  if [ -t 2 ]; then
    (cd "$here" && mvn -q -B package -DskipTests) >&2
  else
    # Maven 3.8 writes colour resets even in batch mode: keep them out of logs and pipes
    (cd "$here" && mvn -q -B package -DskipTests) 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2
  fi
fi

# JVM options of every Hearth process: a small serial-GC heap (idle RSS), deep stacks for JShell's
# compiler, and native access for Lucene and llama.cpp without warnings on newer JDKs.
jvm_opts="-XX:+UseSerialGC -Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss8m --enable-native-access=ALL-UNNAMED"

# What the kernel starts from (recorded below by a training run): on JDK 25+ an AOT cache (classes
# loaded and linked, method profiles), before that a class-data-sharing archive.
if [ "$java_version" -ge 25 ]; then
  archive=hearth.aot
  archive_opts='-XX:AOTCache="$dir/hearth.aot"'
else
  archive=hearth.jsa
  archive_opts='-XX:SharedArchiveFile="$dir/hearth.jsa" -Xshare:auto'
fi
archive_quiet="-Xlog:cds=off -Xlog:cds+dynamic=off"
[ "$java_version" -ge 25 ] && archive_quiet="$archive_quiet -Xlog:aot=off"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
spec="$staging/$name"
mkdir -p "$spec"
# Only this platform's native libraries (the built jar carries every platform's).
"$java_bin" -cp "$jar" dev.hearth.kernel.install.PlatformJar "$jar" "$spec/hearth-kernel.jar" \
  || cp "$jar" "$spec/hearth-kernel.jar"
# room: actions: the bundled action plugins go in plugins/ beside the kernel jar, where the kernel looks
mkdir -p "$spec/plugins"
for plugin in files web calendar feeds notes; do
  for built in "$here/plugins/$plugin/target/hearth-plugin-$plugin-"*.jar; do
    [ -f "$built" ] && cp "$built" "$spec/plugins/"
  done
done
# end room: actions
cp "$here/kernel/src/main/kernelspec/logo-32x32.png" "$here/kernel/src/main/kernelspec/logo-64x64.png" \
   "$here/kernel/src/main/kernelspec/logo-svg.svg" "$spec/"
cat > "$spec/hearth-kernel" <<LAUNCHER
#!/bin/sh
# Starts the Hearth kernel; Jupyter passes the connection file. HEARTH_JVM_OPTS adds JVM options.
dir="\$(cd "\$(dirname "\$0")" && pwd)"
java="${java_bin}"
[ -x "\$java" ] || java=java
if [ -f "\$dir/$archive" ]; then
  exec "\$java" $jvm_opts $archive_opts $archive_quiet \${HEARTH_JVM_OPTS:-} -jar "\$dir/hearth-kernel.jar" "\$@"
fi
exec "\$java" $jvm_opts \${HEARTH_JVM_OPTS:-} -jar "\$dir/hearth-kernel.jar" "\$@"
LAUNCHER
chmod +x "$spec/hearth-kernel"
cat > "$spec/kernel.json" <<JSON
{
  "argv": ["KERNEL_DIR/hearth-kernel", "{connection_file}"],
  "display_name": "Hearth (Java AI shell)",
  "language": "java",
  "interrupt_mode": "message",
  "metadata": {"debugger": false}
}
JSON

install_dir=""
if [ -n "$jupyter_cmd" ]; then
  case "$mode" in
    user) flag=(--user) ;;
    sys-prefix) flag=(--sys-prefix) ;;
    prefix) flag=(--prefix "$prefix") ;;
  esac
  $jupyter_cmd kernelspec install "${flag[@]}" --replace --name "$name" "$spec" >/dev/null 2>&1
  install_dir="$(target_kernels_dir)/$name"
  if [ ! -f "$install_dir/kernel.json" ]; then
    say "jupyter did not install the kernelspec into $install_dir"
    exit 1
  fi
else
  say "no jupyter command found: writing the kernelspec directly"
  install_dir="$(kernels_dir)/$name"
  rm -rf "$install_dir"
  mkdir -p "$(dirname "$install_dir")"
  cp -r "$spec" "$install_dir"
fi

# kernel.json needs the absolute launcher path of where it was installed.
sed -i.bak "s#KERNEL_DIR#$install_dir#" "$install_dir/kernel.json" && rm -f "$install_dir/kernel.json.bak"
chmod +x "$install_dir/hearth-kernel"

# The start-up archive: recorded from a short training session (start, a few cells); harmless if
# it cannot be made (the kernel then starts without it).
rm -f "$install_dir/hearth.jsa" "$install_dir/hearth.aot"
if [ "$archive" = hearth.aot ]; then record_opt="-XX:AOTCacheOutput=$install_dir/hearth.aot"
else record_opt="-XX:ArchiveClassesAtExit=$install_dir/hearth.jsa"; fi
# shellcheck disable=SC2086
"$java_bin" "$record_opt" $archive_quiet $jvm_opts -cp "$install_dir/hearth-kernel.jar" dev.hearth.kernel.Training \
  >/dev/null 2>&1 || rm -f "$install_dir/$archive"

mkdir -p "$(bin_dir)"
cat > "$(bin_dir)/hearth" <<LAUNCHER
#!/bin/sh
# Hearth's command line: hearth run NOTEBOOK.ipynb ... (see docs/AUTOMATION.md)
dir="$install_dir"
if [ -f "\$dir/$archive" ]; then
  exec "${java_bin}" $jvm_opts $archive_opts $archive_quiet \${HEARTH_JVM_OPTS:-} -jar "\$dir/hearth-kernel.jar" "\$@"
fi
exec "${java_bin}" $jvm_opts \${HEARTH_JVM_OPTS:-} -jar "\$dir/hearth-kernel.jar" "\$@"
LAUNCHER
chmod +x "$(bin_dir)/hearth"

if [ -f "$install_dir/$archive" ]; then archive_note="starts from $archive"; else archive_note="no start-up archive"; fi
say "installed kernelspec '$name' (Hearth (Java AI shell)) in $install_dir ($archive_note)"
say "launcher: $(bin_dir)/hearth"
