package dev.kernelplayground.notebook;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sandboxed kernel's writable folder is never the home folder nor a folder above it. */
class SandboxedKernelFolderTest {
  @Test
  void theHomeAndWhatHoldsItAreRefusedItsSubFoldersAndOthersAreNot() {
    Path home = Path.of("/home/ada");
    for (String refused : new String[] {"/home/ada", "/home/ada/", "/home", "/", "/home/ada/notebooks/.."}) {
      assertNotNull(SandboxedKernel.refusedFolder(Path.of(refused), home), refused);
    }
    for (String allowed : new String[] {"/home/ada/notebooks", "/home/ada/notebooks/week 2", "/home/adam", "/srv/class/ada"}) {
      assertNull(SandboxedKernel.refusedFolder(Path.of(allowed), home), allowed);
    }
  }
}
