package chat.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RampScenarioTest {

    @Test
    void goesOnBeyondTheListedRatesByHalfAgainUpToTheMaximum() {
        assertEquals(List.of(100, 200, 300, 450, 700, 1000), RampScenario.rates(List.of(100, 200), 1000));
    }

    @Test
    void smallRatesStillGrowAndNoMaximumMeansTheListOnly() {
        assertEquals(List.of(10, 60, 110), RampScenario.rates(List.of(10), 110));
        assertEquals(List.of(5, 10), RampScenario.rates(List.of(5, 10), 0));
        assertEquals(List.of(800), RampScenario.rates(List.of(800), 800));
    }
}
