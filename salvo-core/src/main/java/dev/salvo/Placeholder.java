package dev.salvo; /** placeholder */ final class Placeholder {}
