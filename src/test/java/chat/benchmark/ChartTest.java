package chat.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartTest {

    @Test
    void drawsAPngWithTheLimitLineInItsColor(@TempDir Path dir) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Chart.Saved saved = new Chart("latency", "deliveries/s", "ms").logY()
                .series("p99", new double[] {1000, 2000, 3000}, new double[] {5, 20, 400})
                .limit("limit", 100)
                .save(dir, "c.png", "caption");

        BufferedImage image = ImageIO.read(dir.resolve(saved.file()).toFile());
        assertEquals(1000, image.getWidth());
        assertEquals(600, image.getHeight());
        boolean limitDrawn = false;
        for (int x = 100; x < 900 && !limitDrawn; x++) {
            for (int y = 60; y < 525; y++) {
                if ((image.getRGB(x, y) & 0xffffff) == 0xb00000) {
                    limitDrawn = true;
                    break;
                }
            }
        }
        assertEquals(true, limitDrawn, "the dashed limit line is drawn");
        assertNotEquals(0, Files.size(dir.resolve("c.png")));
    }

    @Test
    void percentilesSitOnANinesScale() {
        assertEquals(1.0, Chart.nines(90), 1e-9);
        assertEquals(3.0, Chart.nines(99.9), 1e-9);
        assertEquals("99.9%", Chart.percentileLabel(3.0));
    }
}
