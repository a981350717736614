package dev.kernelplayground.profile;

/** What a counted access site does: a load or store of global or shared memory, or an atomic. */
public enum AccessOp {
  GLOBAL_LOAD("global_load"),
  GLOBAL_STORE("global_store"),
  SHARED_LOAD("shared_load"),
  SHARED_STORE("shared_store"),
  ATOMIC("atomic");

  private final String key;

  AccessOp(String key) {
    this.key = key;
  }

  /** The name the JSON and the tables use, e.g. "global_load". */
  public String key() {
    return key;
  }

  /** Whether the op touches shared memory (counted in wavefronts) rather than global memory (sectors). */
  public boolean shared() {
    return this == SHARED_LOAD || this == SHARED_STORE;
  }
}
