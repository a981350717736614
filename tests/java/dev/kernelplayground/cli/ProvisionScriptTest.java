package dev.kernelplayground.cli;

import static dev.kernelplayground.testing.Texts.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kernelplayground.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/provision.sh, the part of {@code kp} that installs what a command needs, against stand-ins for
 * dpkg-query, apt-get and id on the PATH: the real system is never touched.
 */
class ProvisionScriptTest {
  private Path bin;
  private Path installed;
  private Path aptLog;

  @BeforeEach
  void standIns(@TempDir Path dir) throws Exception {
    bin = Files.createDirectories(dir.resolve("bin"));
    installed = dir.resolve("installed");
    aptLog = dir.resolve("apt.log");
    Files.writeString(installed, "maven\ng++\n");
    Files.writeString(aptLog, "");
    script("dpkg-query", "grep -qx \"${@: -1}\" " + installed + " && printf 'install ok installed' || exit 1");
    script("apt-get", "echo \"$*\" >> " + aptLog + "; [ \"$1\" = install ] && for p in \"$@\"; do "
        + "case \"$p\" in -*|install) ;; *) echo \"$p\" >> " + installed + ";; esac; done; exit 0");
  }

  private void script(String name, String body) throws Exception {
    Path file = bin.resolve(name);
    Files.writeString(file, "#!/bin/bash\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private ChildProcess.Result provision(String uid, String call) throws Exception {
    script("id", "echo " + uid);
    return ChildProcess.of("bash", "-c", ". scripts/provision.sh; " + call)
        .env("PATH", bin + ":" + System.getenv("PATH"))
        .env("KP_NO_PROVISION", "")
        .timeout(Duration.ofSeconds(30))
        .run();
  }

  @Test
  void asRootTheMissingPackagesAreInstalledWithOneLineSayingWhy() throws Exception {
    ChildProcess.Result r = provision("0", "kp_provision build emulator opencl");
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("kp: installing pocl-opencl-icd ocl-icd-libopencl1 clinfo: Java kernels run on OpenCL (PoCL on the CPU)\n",
        r.stderr());
    assertEquals(List.of("update -qq", "install -y -qq pocl-opencl-icd ocl-icd-libopencl1 clinfo"),
        Files.readAllLines(aptLog));
    ChildProcess.Result again = provision("0", "kp_provision opencl");
    assertEquals("", again.stderr(), "nothing left to install, nothing to say");
  }

  @Test
  void asAUserItNamesTheCommandAndCarriesOn() throws Exception {
    ChildProcess.Result r = provision("1000", "kp_provision notebooks; echo carried on");
    assertEquals(0, r.exitCode());
    assertEquals("carried on\n", r.stdout());
    assertContains(r.stderr(), "notebooks run through Jupyter's client",
        "install with: sudo apt-get install -y jupyter-client python3-nbclient python3-ipykernel");
    assertEquals("", Files.readString(aptLog), "a user's kp never calls apt-get");
  }

  @Test
  void setupChecksEveryPartAndToldToLeaveTheSystemAloneItDoes() throws Exception {
    ChildProcess.Result check = provision("0", "kp_setup --check");
    assertEquals(1, check.exitCode());
    assertContains(check.stdout(), "build      installed  (maven)", "opencl     missing    pocl-opencl-icd");
    assertEquals("", Files.readString(aptLog), "--check only looks");
    ChildProcess.Result quiet = ChildProcess.of("bash", "-c", ". scripts/provision.sh; kp_provision opencl")
        .env("PATH", bin + ":" + System.getenv("PATH")).env("KP_NO_PROVISION", "1").run();
    assertEquals("", quiet.stderr());
    assertFalse(Files.readString(aptLog).contains("install"));
    ChildProcess.Result setup = provision("0", "kp_setup");
    assertEquals(0, setup.exitCode(), setup.stdout() + setup.stderr());
    assertTrue(Files.readString(installed).contains("jupyter-notebook"), "setup installs every part");
  }
}
