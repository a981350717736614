import dev.kernelplayground.lessons.LessonNotebook;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes N copies of a lesson's solutions edition: an honest class for bench/grade/run.sh. */
public class HonestClass {
  public static void main(String[] args) throws Exception {
    Path lesson = Path.of(args[0]);
    Path out = Files.createDirectories(Path.of(args[1]));
    int n = Integer.parseInt(args[2]);
    String name = lesson.getFileName().toString().replace(".md", "");
    String notebook = LessonNotebook.fromMarkdown(Files.readString(lesson), name, LessonNotebook.Edition.SOLUTIONS);
    for (int i = 1; i <= n; i++) {
      Files.writeString(out.resolve(String.format("%s-learner%02d.ipynb", name, i)), notebook);
    }
  }
}
