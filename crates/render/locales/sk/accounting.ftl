accounting-export = Export pre účtovníctvo (CSV): faktúry a dobropisy podľa dátumu vystavenia
accounting-from = Od
accounting-to = Do
accounting-download = Stiahnuť CSV
