package io.medallion.loadgen.inventory;

import io.medallion.loadgen.model.Draw;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Made-up personal data: names, e-mail addresses, phone numbers and countries. */
final class People {

    static final List<String> FIRST_NAMES = List.of("Anna", "Lukas", "Marie", "Noah", "Emma", "Jonas", "Lea",
            "Elias", "Sofia", "Paul", "Clara", "Hugo", "Ines", "Lars", "Mila", "Tomas", "Julia", "Mateo");
    static final List<String> LAST_NAMES = List.of("Martin", "Muller", "Rossi", "Garcia", "Jansen", "Nowak",
            "Dubois", "Schmidt", "Lindqvist", "Peeters", "Bernard", "Ferrari", "Kowalski", "Visser", "Lopez");
    static final List<String> COUNTRIES = List.of("FR", "DE", "NL", "ES", "IT", "BE", "PL", "SE");

    private People() {
    }

    static String email(String first, String last, long n) {
        return (first + "." + last + n + "@example.com").toLowerCase(Locale.ROOT);
    }

    static String phone(SplittableRandom rng) {
        return "+3" + Draw.between(rng, 0, 9) + " " + Draw.digits(rng, 3) + " " + Draw.digits(rng, 3) + " "
                + Draw.digits(rng, 3);
    }
}
