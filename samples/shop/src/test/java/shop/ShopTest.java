package shop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShopTest {

    @Test
    void totalAddsUpThePrices() {
        assertEquals(700, Shop.total(List.of(300, 400)), "total of 300 and 400");
    }

    @Test
    void anEmptyOrderCostsNothing() {
        assertEquals(0, Shop.total(List.of()));
    }
}
