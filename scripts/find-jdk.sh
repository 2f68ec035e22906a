# Sourced by ./salvo and scripts/test: finds a JDK of version 21 or later.
#
# salvo_find_jdk sets SALVO_JDK to the JDK's home, trying in turn: $JAVA_HOME, the java on PATH,
# then the newest JDK under /usr/lib/jvm (and, on macOS, /Library/Java/JavaVirtualMachines).
# A JDK here means bin/java and bin/javac (Maven compiles with it). Prints one line and returns 1
# when there is none.

SALVO_MIN_JAVA=21

# The major version of the java binary $1 (8 for "1.8.0_x", 21 for "21.0.2"), or nothing.
salvo_java_major() {
    local line version release
    # A JDK's release file names its version; reading it is instant, where starting java to ask
    # costs tens of milliseconds per JDK (and ./salvo asks on every run).
    release="$(dirname "$1")/../release"
    if [ -f "$release" ]; then
        line=$(grep -m1 '^JAVA_VERSION=' "$release" 2>/dev/null || true)
        version=${line#JAVA_VERSION=}
        version=${version//\"/}
    fi
    if [ -z "${version:-}" ]; then
        line=$("$1" -version 2>&1 | grep -m1 -E 'version "' || true)
        version=${line#*version \"}
        version=${version%%\"*}
    fi
    case "$version" in
        1.*) version=${version#1.} ;;
    esac
    version=${version%%[!0-9]*}
    if [ -n "$version" ]; then
        printf '%s\n' "$version"
    fi
}

# Succeeds when $1 is a JDK home of at least SALVO_MIN_JAVA.
salvo_is_good_jdk() {
    local home=$1 major
    [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
    major=$(salvo_java_major "$home/bin/java")
    [ -n "$major" ] && [ "$major" -ge "$SALVO_MIN_JAVA" ]
}

salvo_find_jdk() {
    SALVO_JDK=""
    if salvo_is_good_jdk "${JAVA_HOME:-}"; then
        SALVO_JDK=$JAVA_HOME
        return 0
    fi
    local java_on_path home
    java_on_path=$(command -v java 2>/dev/null || true)
    if [ -n "$java_on_path" ]; then
        home=$(cd "$(dirname "$(readlink -f "$java_on_path" 2>/dev/null || echo "$java_on_path")")/.." && pwd)
        if salvo_is_good_jdk "$home"; then
            SALVO_JDK=$home
            return 0
        fi
    fi
    local best="" best_major=0 candidate major
    for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -d "$candidate" ] && salvo_is_good_jdk "$candidate" || continue
        major=$(salvo_java_major "$candidate/bin/java")
        if [ "$major" -gt "$best_major" ]; then
            best=$candidate
            best_major=$major
        fi
    done
    if [ -n "$best" ]; then
        SALVO_JDK=$best
        return 0
    fi
    echo "salvo: no JDK $SALVO_MIN_JAVA or later found (tried \$JAVA_HOME, java on PATH, /usr/lib/jvm); install one or set JAVA_HOME" >&2
    return 1
}
