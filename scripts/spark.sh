# Sourced by ./salvo for './salvo spark ...': builds salvo-spark on first use (and again when a
# source or pom is newer than its jar), then runs dev.salvo.spark.FetchJob on an embedded local
# Spark: Spark's own jars first on the classpath, the job jar last, as spark-submit would.
# Expects ROOT and SALVO_JDK to be set (./salvo does both).

SPARK_JAR="$ROOT/salvo-spark/target/salvo-spark.jar"
SPARK_CLASSPATH_FILE="$ROOT/salvo-spark/target/spark-classpath.txt"

salvo_spark_needs_build() {
    [ ! -f "$SPARK_JAR" ] || [ ! -f "$SPARK_CLASSPATH_FILE" ] && return 0
    [ -n "$(find "$ROOT/salvo-core/src/main" "$ROOT/salvo-cli/src/main" "$ROOT/salvo-spark/src/main" \
        "$ROOT/pom.xml" "$ROOT/salvo-core/pom.xml" "$ROOT/salvo-cli/pom.xml" "$ROOT/salvo-spark/pom.xml" \
        -newer "$SPARK_JAR" -print -quit 2>/dev/null)" ]
}

salvo_spark_build() {
    if ! command -v mvn >/dev/null 2>&1; then
        echo "salvo spark: Maven (mvn) is needed to build the Spark job; install Maven 3.8 or later" >&2
        return 2
    fi
    mkdir -p "$ROOT/salvo-spark/target"
    (
        if command -v flock >/dev/null 2>&1; then
            exec 9>"$ROOT/salvo-spark/target/.build.lock"
            flock 9
        fi
        salvo_spark_needs_build || exit 0
        echo "salvo spark: building salvo-spark/target/salvo-spark.jar with $SALVO_JDK" \
            "(the first time, Maven downloads Spark: about 300 MB) ..." >&2
        cd "$ROOT"
        maven_opts=${MAVEN_OPTS:-}
        if [ "$(salvo_java_major "$SALVO_JDK/bin/java")" -ge 24 ]; then
            maven_opts="$maven_opts --sun-misc-unsafe-memory-access=allow"
        fi
        if ! MAVEN_OPTS=$maven_opts JAVA_HOME=$SALVO_JDK mvn -q -B -Dstyle.color=never -DskipTests \
                -pl salvo-spark -am package 2>&1 | sed $'s/\x1b\\[[0-9;]*m//g' >&2; then
            echo "salvo spark: the build failed (see the Maven output above)" >&2
            exit 2
        fi
        touch "$SPARK_JAR"
    )
}

salvo_spark() {
    if salvo_spark_needs_build; then
        salvo_spark_build || return 2
    fi
    local major opts line
    major=$(salvo_java_major "$SALVO_JDK/bin/java")
    # Spark's own module options (the list spark-submit passes on Java 17+).
    opts=()
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        # JDK 24 removed this package; asking to open it only prints a warning there.
        if [ "$major" -ge 24 ] && [ "$line" = "--add-opens=java.base/sun.security.action=ALL-UNNAMED" ]; then
            continue
        fi
        opts+=("$line")
    done < "$ROOT/salvo-spark/jvm.options"
    if [ "$major" -ge 24 ]; then
        # Spark's off-heap code uses sun.misc.Unsafe, which JDK 24+ warns about on every run.
        opts+=("--sun-misc-unsafe-memory-access=allow")
    fi
    # Embedded local Spark needs only loopback; without this it looks up the machine's own name.
    export SPARK_LOCAL_IP=${SPARK_LOCAL_IP:-127.0.0.1}
    # shellcheck disable=SC2086
    exec "$SALVO_JDK/bin/java" "${opts[@]}" ${SALVO_SPARK_JAVA_OPTS:-} \
        -Dlog4j2.configurationFile="$ROOT/salvo-spark/src/launcher/log4j2.properties" \
        -cp "$(cat "$SPARK_CLASSPATH_FILE")${PATH_SEPARATOR:-:}$SPARK_JAR" dev.salvo.spark.FetchJob "$@"
}
