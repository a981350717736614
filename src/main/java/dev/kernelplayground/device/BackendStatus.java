package dev.kernelplayground.device;

/**
 * What this machine offers for one backend.
 *
 * @param backend the backend
 * @param found whether what it needs is on this machine
 * @param detail the device or toolchain found, or what is missing
 * @param runsHere what the playground can run on it today, or why not
 */
public record BackendStatus(Backend backend, boolean found, String detail, String runsHere) {}
