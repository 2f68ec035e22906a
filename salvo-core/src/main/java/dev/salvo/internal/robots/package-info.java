/**
 * robots.txt (RFC 9309), with {@code --robots obey}: fetching each origin's file through Salvo's own
 * transport ({@code RobotsFetch}), reading it with crawler-commons' parser ({@code RulesParser},
 * giving {@code Rules}), and the run's bounded cache of what each origin allows and how fast it may
 * be asked ({@code Robots}, the one class the engine calls). The engine's scheduler decides when a
 * host's robots.txt is fetched and holds the host's lease while it is.
 */
package dev.salvo.internal.robots;
