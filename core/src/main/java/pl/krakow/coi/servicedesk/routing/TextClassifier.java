package pl.krakow.coi.servicedesk.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import pl.krakow.coi.servicedesk.text.PolishText;

/**
 * A multinomial Naive Bayes classifier over Polish analysis terms ({@link PolishText}), with uniform
 * category priors, that explains itself: the words that weigh most for a category, and the past
 * tickets most like the text.
 */
final class TextClassifier {

    private static final double ALPHA = 0.05;

    private final List<String> categories;
    private final Map<String, Integer> categoryIndex = new HashMap<>();
    private final Map<String, double[]> termWeights = new HashMap<>();
    private final double[] totalWeight;
    private final Map<String, Double> backgroundWeight = new HashMap<>();
    private double backgroundTotal;
    private final int vocabularySize;
    private final List<PastTicket> pastTickets = new ArrayList<>();
    private final Map<String, Double> documentFrequency = new HashMap<>();

    TextClassifier(List<String> categories, List<TrainingDocument> documents) {
        this.categories = List.copyOf(categories);
        for (int i = 0; i < categories.size(); i++) {
            categoryIndex.put(categories.get(i), i);
        }
        this.totalWeight = new double[categories.size()];
        for (TrainingDocument document : documents) {
            Integer index = categoryIndex.get(document.categoryCode());
            if (index == null) {
                continue;
            }
            List<String> terms = PolishText.terms(document.text());
            for (String term : terms) {
                termWeights.computeIfAbsent(term, t -> new double[categories.size()])[index] += document.weight();
                totalWeight[index] += document.weight();
                backgroundWeight.merge(term, document.weight(), Double::sum);
                backgroundTotal += document.weight();
            }
            if (document.ticketNumber() != null) {
                Map<String, Double> vector = termFrequencies(terms);
                vector.keySet().forEach(term -> documentFrequency.merge(term, 1.0, Double::sum));
                pastTickets.add(new PastTicket(document.ticketNumber(), document.categoryCode(), vector));
            }
        }
        this.vocabularySize = Math.max(1, termWeights.size());
    }

    /** Calibrated probability of each category for the text (sums to 1), highest first. */
    List<CategoryScore> classify(String text) {
        List<String> terms = PolishText.terms(text);
        double[] logLikelihood = new double[categories.size()];
        int matched = 0;
        for (String term : terms) {
            double[] weights = termWeights.get(term);
            if (weights == null) {
                continue; // unseen everywhere: no evidence either way
            }
            matched++;
            for (int c = 0; c < categories.size(); c++) {
                logLikelihood[c] += Math.log((weights[c] + ALPHA) / (totalWeight[c] + ALPHA * vocabularySize));
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double value : logLikelihood) {
            max = Math.max(max, value);
        }
        // Naive Bayes treats the terms of a text as independent and so is wildly overconfident; a
        // temperature of sqrt(matched terms) keeps the ranking and gives runner-up units honest scores.
        double temperature = Math.max(1.0, Math.sqrt(matched));
        double sum = 0;
        double[] posterior = new double[categories.size()];
        for (int c = 0; c < categories.size(); c++) {
            posterior[c] = Math.exp((logLikelihood[c] - max) / temperature);
            sum += posterior[c];
        }
        List<CategoryScore> scores = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            scores.add(new CategoryScore(categories.get(c), posterior[c] / sum));
        }
        scores.sort(Comparator.comparingDouble(CategoryScore::probability).reversed());
        return scores;
    }

    /**
     * The words of the text that speak most for {@code category} against the catalogue as a whole,
     * in the text's own spelling, strongest first.
     */
    List<String> evidence(String text, String category, int limit) {
        Integer index = categoryIndex.get(category);
        if (index == null) {
            return List.of();
        }
        Map<String, Double> strength = new LinkedHashMap<>();
        java.util.regex.Matcher words =
                java.util.regex.Pattern.compile("[\\p{L}\\p{N}-]+").matcher(text);
        while (words.find()) {
            String word = words.group();
            double best = 0;
            for (String term : PolishText.terms(word)) {
                double[] weights = termWeights.get(term);
                if (weights == null) {
                    continue;
                }
                double inCategory = (weights[index] + ALPHA) / (totalWeight[index] + ALPHA * vocabularySize);
                double overall =
                        (backgroundWeight.getOrDefault(term, 0.0) + ALPHA) / (backgroundTotal + ALPHA * vocabularySize);
                best = Math.max(best, Math.log(inCategory / overall));
            }
            if (best > 0.5) {
                strength.merge(word.toLowerCase(), best, Math::max);
            }
        }
        return strength.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Past tickets of the given categories most similar to the text (cosine over TF-IDF). */
    List<SimilarTicket> similar(String text, java.util.Set<String> inCategories, int limit) {
        if (pastTickets.isEmpty()) {
            return List.of();
        }
        Map<String, Double> query = tfidf(termFrequencies(PolishText.terms(text)));
        double queryNorm = norm(query);
        if (queryNorm == 0) {
            return List.of();
        }
        List<SimilarTicket> found = new ArrayList<>();
        for (PastTicket ticket : pastTickets) {
            if (!inCategories.contains(ticket.category())) {
                continue;
            }
            Map<String, Double> vector = tfidf(ticket.terms());
            double dot = 0;
            for (Map.Entry<String, Double> entry : query.entrySet()) {
                Double other = vector.get(entry.getKey());
                if (other != null) {
                    dot += entry.getValue() * other;
                }
            }
            double similarity = dot / (queryNorm * norm(vector));
            if (similarity > 0.15) {
                found.add(new SimilarTicket(ticket.number(), ticket.category(), similarity));
            }
        }
        found.sort(Comparator.comparingDouble(SimilarTicket::similarity).reversed());
        return found.subList(0, Math.min(limit, found.size()));
    }

    int pastTicketCount() {
        return pastTickets.size();
    }

    private Map<String, Double> tfidf(Map<String, Double> frequencies) {
        Map<String, Double> weighted = new HashMap<>();
        double documents = pastTickets.size();
        // Smoothed IDF: positive for every term, also when there are few past tickets.
        frequencies.forEach((term, tf) -> weighted.put(
                term, tf * (Math.log((documents + 1.0) / (documentFrequency.getOrDefault(term, 0.0) + 1.0)) + 1.0)));
        return weighted;
    }

    private static Map<String, Double> termFrequencies(List<String> terms) {
        Map<String, Double> frequencies = new HashMap<>();
        terms.forEach(term -> frequencies.merge(term, 1.0, Double::sum));
        return frequencies;
    }

    private static double norm(Map<String, Double> vector) {
        double sum = 0;
        for (double value : vector.values()) {
            sum += value * value;
        }
        return Math.sqrt(sum);
    }

    record CategoryScore(String category, double probability) {}

    record SimilarTicket(String number, String category, double similarity) {}

    private record PastTicket(String number, String category, Map<String, Double> terms) {}
}
